package io.ctsync.source.ctmodel.sales;

import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import java.util.List;

/**
 * The simulated sales database: customers, their orders, and the orders' lines. The model has no constraints, so
 * {@link SalesWorkload} keeps the foreign keys (orders.customer_id to customers.id, order_lines.order_id to
 * orders.id): parents are inserted before and deleted after their children, in one transaction.
 */
public final class SalesSchema {

    public static final String SCHEMA = "dbo";
    public static final String CUSTOMERS = "customers";
    public static final String ORDERS = "orders";
    public static final String ORDER_LINES = "order_lines";
    public static final List<String> TABLES = List.of(CUSTOMERS, ORDERS, ORDER_LINES);

    private SalesSchema() {
    }

    /** The columns of {@code table} in definition order, keys first. */
    public static List<String> columns(String table) {
        return switch (table) {
            case CUSTOMERS -> List.of("id", "name", "email", "city");
            case ORDERS -> List.of("id", "customer_id", "status", "total_cents");
            case ORDER_LINES -> List.of("order_id", "line_no", "product", "quantity", "price_cents");
            default -> throw new IllegalArgumentException("The sales simulation has no table " + table);
        };
    }

    static void create(ChangeTrackingModel model) {
        model.enableChangeTracking()
                .createTable(SCHEMA, CUSTOMERS, ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 100),
                        ModelColumn.sized("email", "nvarchar", 200), ModelColumn.sized("city", "nvarchar", 50))
                .createTable(SCHEMA, ORDERS, ModelColumn.key("id", "int"), ModelColumn.of("customer_id", "int"),
                        ModelColumn.sized("status", "nvarchar", 20), ModelColumn.of("total_cents", "bigint"))
                .createTable(SCHEMA, ORDER_LINES, ModelColumn.key("order_id", "int", 1), ModelColumn.key("line_no", "int", 2),
                        ModelColumn.sized("product", "nvarchar", 50), ModelColumn.of("quantity", "int"),
                        ModelColumn.of("price_cents", "int"));
        for (String table : TABLES) {
            model.track(SCHEMA, table, true);
        }
    }
}
