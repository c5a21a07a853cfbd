package io.ctsync.source.ctmodel.sales;

import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Inserts, updates and deletes on the sales schema, one transaction at a time, from a fixed seed: the same number of
 * transactions always gives the same database at the same Change Tracking version, which is how a restarted
 * simulation is rebuilt (see {@link SalesSimulation}). It keeps its own lists of ids instead of reading the model, so
 * nothing it chooses depends on iteration order.
 */
final class SalesWorkload {

    private static final String[] CITIES = {"Lisbon", "Oslo", "Lyon", "Turin", "Ghent", "Cork", "Graz", "Porto"};
    private static final String[] PRODUCTS = {"kettle", "lamp", "desk", "chair", "mug", "rug", "shelf", "clock"};
    private static final String[] STATUSES = {"new", "paid", "shipped", "delivered"};

    private final Random random = new Random(20261130L);
    private final List<Integer> customers = new ArrayList<>();
    private final Map<Integer, Integer> ordersOfCustomer = new HashMap<>();
    private final List<Integer> orders = new ArrayList<>();
    private final Map<Integer, Integer> customerOfOrder = new HashMap<>();
    private final Map<Integer, Integer> linesOfOrder = new HashMap<>();
    private int nextCustomer = 1;
    private int nextOrder = 1;

    /** The starting data, one transaction per table, parents first. */
    void initialLoad(ChangeTrackingModel model, int customerCount, int orderCount) {
        model.transaction(tx -> {
            for (int i = 0; i < customerCount; i++) {
                insertCustomer(tx);
            }
        });
        model.transaction(tx -> {
            for (int i = 0; i < orderCount; i++) {
                insertOrder(tx);
            }
        });
    }

    /** One transaction of the live workload. */
    void next(ChangeTrackingModel model) {
        int dice = random.nextInt(100);
        model.transaction(tx -> {
            if (customers.size() < 2) {
                insertCustomer(tx);
            } else if (dice < 30 || orders.isEmpty()) {
                insertOrder(tx);
            } else if (dice < 55) {
                tx.update(SalesSchema.SCHEMA, SalesSchema.ORDERS, List.of(pick(orders)),
                        Map.of("status", STATUSES[random.nextInt(STATUSES.length)]));
            } else if (dice < 70) {
                int order = pick(orders);
                tx.update(SalesSchema.SCHEMA, SalesSchema.ORDER_LINES, List.of(order, 1 + random.nextInt(linesOfOrder.get(order))),
                        Map.of("quantity", 1 + random.nextInt(9)));
            } else if (dice < 80) {
                insertCustomer(tx);
            } else if (dice < 90) {
                int customer = pick(customers);
                tx.update(SalesSchema.SCHEMA, SalesSchema.CUSTOMERS, List.of(customer),
                        Map.of("email", "c" + customer + "." + random.nextInt(1000) + "@example.com"));
            } else if (dice < 96) {
                deleteOrder(tx, pick(orders));
            } else {
                deleteCustomerWithOrders(tx, pick(customers));
            }
        });
    }

    private void insertCustomer(ModelTransaction tx) {
        int id = nextCustomer++;
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", "Customer " + id);
        row.put("email", "c" + id + "@example.com");
        row.put("city", CITIES[random.nextInt(CITIES.length)]);
        tx.insert(SalesSchema.SCHEMA, SalesSchema.CUSTOMERS, row);
        customers.add(id);
        ordersOfCustomer.put(id, 0);
    }

    private void insertOrder(ModelTransaction tx) {
        if (customers.isEmpty()) {
            insertCustomer(tx);
        }
        int id = nextOrder++;
        int customer = pick(customers);
        int lines = 1 + random.nextInt(4);
        long total = 0;
        List<Map<String, Object>> lineRows = new ArrayList<>();
        for (int line = 1; line <= lines; line++) {
            int quantity = 1 + random.nextInt(5);
            int price = 100 + random.nextInt(9900);
            total += (long) quantity * price;
            Map<String, Object> row = new HashMap<>();
            row.put("order_id", id);
            row.put("line_no", line);
            row.put("product", PRODUCTS[random.nextInt(PRODUCTS.length)]);
            row.put("quantity", quantity);
            row.put("price_cents", price);
            lineRows.add(row);
        }
        Map<String, Object> order = new HashMap<>();
        order.put("id", id);
        order.put("customer_id", customer);
        order.put("status", "new");
        order.put("total_cents", total);
        tx.insert(SalesSchema.SCHEMA, SalesSchema.ORDERS, order);
        lineRows.forEach(row -> tx.insert(SalesSchema.SCHEMA, SalesSchema.ORDER_LINES, row));
        orders.add(id);
        customerOfOrder.put(id, customer);
        linesOfOrder.put(id, lines);
        ordersOfCustomer.merge(customer, 1, Integer::sum);
    }

    private void deleteOrder(ModelTransaction tx, int order) {
        for (int line = 1; line <= linesOfOrder.get(order); line++) {
            tx.delete(SalesSchema.SCHEMA, SalesSchema.ORDER_LINES, List.of(order, line));
        }
        tx.delete(SalesSchema.SCHEMA, SalesSchema.ORDERS, List.of(order));
        orders.remove(Integer.valueOf(order));
        linesOfOrder.remove(order);
        ordersOfCustomer.merge(customerOfOrder.remove(order), -1, Integer::sum);
    }

    private void deleteCustomerWithOrders(ModelTransaction tx, int customer) {
        for (Integer order : List.copyOf(orders)) {
            if (customerOfOrder.get(order) == customer) {
                deleteOrder(tx, order);
            }
        }
        tx.delete(SalesSchema.SCHEMA, SalesSchema.CUSTOMERS, List.of(customer));
        customers.remove(Integer.valueOf(customer));
        ordersOfCustomer.remove(customer);
    }

    private int pick(List<Integer> ids) {
        return ids.get(random.nextInt(ids.size()));
    }
}
