package io.ctsync.it.e2e;

import static io.ctsync.it.e2e.SourceTables.CUSTOMERS;
import static io.ctsync.it.e2e.SourceTables.ITEMS;
import static io.ctsync.it.e2e.SourceTables.LINES;
import static io.ctsync.it.e2e.SourceTables.ORDERS;
import static io.ctsync.it.e2e.SourceTables.TYPES;

import io.ctsync.source.ctmodel.ModelColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded random workload on {@link SourceTables}, as an application would run it: inserts, updates of some
 * columns, deletes, a key deleted and inserted again, primary-key updates, and transactions of several rows over
 * several tables. It keeps the source referentially sound (an order's customer and a line's order exist; deleting a
 * parent deletes its children first, in the same transaction), so the target's foreign keys hold once it converges.
 * Customers an order was moved from or to are deleted too: with several sink tasks the order's event can reach the
 * target before its customer and be parked, and the order's later events then supersede it ({@link
 * ForeignKeyParkingIT}). Not thread-safe: one thread drives it.
 */
final class Workload {

    private final SourceDatabase source;
    private final SourceTables tables;
    private final Random random;
    private final RandomValues values;
    private final Map<Integer, TreeSet<Integer>> ordersOfCustomer = new TreeMap<>();
    private final Map<Integer, Integer> customerOfOrder = new TreeMap<>();
    private final Map<Integer, TreeSet<Integer>> linesOfOrder = new TreeMap<>();
    private final TreeSet<Integer> items = new TreeSet<>();
    private final TreeSet<Integer> typeRows = new TreeSet<>();
    private final List<Integer> deletedItems = new ArrayList<>();
    private int nextCustomer = 1;
    private int nextOrder = 1;
    private int nextItem = 1;
    private int nextTypeRow = 1;
    private final Map<String, AtomicLong> statements = new TreeMap<>();
    private long transactions;

    Workload(SourceTables tables, long seed) {
        this.tables = tables;
        this.source = tables.database();
        this.random = new Random(seed);
        this.values = new RandomValues(random);
    }

    /** Rows present before the connector starts, for the snapshot: {@code customers} customers with their orders. */
    void initialRows(int customers) {
        for (int i = 0; i < customers; i += 20) {
            int count = Math.min(20, customers - i);
            source.transaction(tx -> {
                for (int c = 0; c < count; c++) {
                    int customer = insertCustomer(tx);
                    for (int o = random.nextInt(4); o > 0; o--) {
                        insertOrder(tx, customer);
                    }
                    insertItem(tx);
                    insertTypeRow(tx);
                }
            });
            transactions++;
        }
    }

    /** Runs {@code count} random transactions. */
    void run(int count) {
        for (int i = 0; i < count; i++) {
            step();
        }
    }

    /** One random transaction: mostly one statement, sometimes several over several tables. */
    void step() {
        int statementsInTransaction = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(5);
        if (random.nextInt(40) == 0) {
            deleteThenReinsertInTwoTransactions();
            return;
        }
        source.transaction(tx -> {
            for (int i = 0; i < statementsInTransaction; i++) {
                statement(tx);
            }
        });
        transactions++;
    }

    /** {@code TRUNCATE TABLE order_lines}, then a few lines inserted again (the table's tracking starts over). */
    void truncateLines() {
        long rows = linesOfOrder.values().stream().mapToLong(java.util.Set::size).sum();
        source.truncate(LINES);
        linesOfOrder.values().forEach(java.util.Set::clear);
        statements.computeIfAbsent("truncate " + LINES + " (rows)", k -> new AtomicLong()).addAndGet(rows);
        source.transaction(tx -> {
            for (int i = 0; i < 30; i++) {
                anyOrder().ifPresent(o -> insertLine(tx, o));
            }
        });
        transactions++;
    }

    /** What the workload did: statements by kind and the number of transactions. */
    String summary() {
        return transactions + " transactions, statements " + statements;
    }

    long transactions() {
        return transactions;
    }

    private void statement(SourceDatabase.Statements tx) {
        int dice = random.nextInt(100);
        if (dice < 8) {
            insertCustomer(tx);
        } else if (dice < 18) {
            anyCustomer().ifPresent(c -> insertOrder(tx, c));
        } else if (dice < 26) {
            anyOrder().ifPresent(o -> insertLine(tx, o));
        } else if (dice < 31) {
            insertItem(tx);
        } else if (dice < 35) {
            insertTypeRow(tx);
        } else if (dice < 43) {
            anyCustomer().ifPresent(c -> updateSome(tx, CUSTOMERS, List.of(c)));
        } else if (dice < 51) {
            anyOrder().ifPresent(o -> updateSome(tx, ORDERS, List.of(o)));
        } else if (dice < 55) {
            anyOrder().ifPresent(o -> reparentOrder(tx, o));
        } else if (dice < 61) {
            anyLine().ifPresent(l -> updateSome(tx, LINES, l));
        } else if (dice < 66) {
            any(items).ifPresent(i -> updateSome(tx, ITEMS, List.of(i)));
        } else if (dice < 72) {
            any(typeRows).ifPresent(t -> updateSome(tx, TYPES, List.of(t)));
        } else if (dice < 75) {
            any(items).ifPresent(i -> moveItemKey(tx, i));
        } else if (dice < 78) {
            anyLine().ifPresent(l -> moveLineKey(tx, l));
        } else if (dice < 83) {
            anyLine().ifPresent(l -> deleteLine(tx, l));
        } else if (dice < 87) {
            anyOrder().ifPresent(o -> deleteOrder(tx, o));
        } else if (dice < 89) {
            anyCustomer().ifPresent(c -> deleteCustomer(tx, c));
        } else if (dice < 92) {
            any(items).ifPresent(i -> deleteItem(tx, i));
        } else if (dice < 94) {
            any(typeRows).ifPresent(t -> {
                tx.delete(TYPES, List.of(t));
                typeRows.remove(t);
                count("delete " + TYPES);
            });
        } else if (dice < 97) {
            if (!deletedItems.isEmpty()) {
                reinsertItem(tx, deletedItems.remove(random.nextInt(deletedItems.size())));
            }
        } else {
            any(items).ifPresent(i -> {
                deleteItem(tx, i);
                deletedItems.remove(i);
                reinsertItem(tx, i);
                count("delete and re-insert in one transaction");
            });
        }
    }

    private void deleteThenReinsertInTwoTransactions() {
        any(typeRows).ifPresent(t -> {
            source.transaction(tx -> tx.delete(TYPES, List.of(t)));
            source.transaction(tx -> tx.insert(TYPES, row(TYPES, List.of(t))));
            transactions += 2;
            count("delete then re-insert " + TYPES);
        });
    }

    private int insertCustomer(SourceDatabase.Statements tx) {
        int id = nextCustomer++;
        tx.insert(CUSTOMERS, row(CUSTOMERS, List.of(id)));
        ordersOfCustomer.put(id, new TreeSet<>());
        count("insert " + CUSTOMERS);
        return id;
    }

    private void insertOrder(SourceDatabase.Statements tx, int customer) {
        int id = nextOrder++;
        Map<String, Object> row = row(ORDERS, List.of(id));
        row.put("customer_id", customer);
        tx.insert(ORDERS, row);
        ordersOfCustomer.get(customer).add(id);
        customerOfOrder.put(id, customer);
        linesOfOrder.put(id, new TreeSet<>());
        count("insert " + ORDERS);
        for (int l = random.nextInt(4); l > 0; l--) {
            insertLine(tx, id);
        }
    }

    private void insertLine(SourceDatabase.Statements tx, int order) {
        TreeSet<Integer> lines = linesOfOrder.get(order);
        int lineNo = lines.isEmpty() ? 1 : lines.last() + 1;
        tx.insert(LINES, row(LINES, List.of(order, lineNo)));
        lines.add(lineNo);
        count("insert " + LINES);
    }

    private void insertItem(SourceDatabase.Statements tx) {
        int id = nextItem++;
        tx.insert(ITEMS, row(ITEMS, List.of(id)));
        items.add(id);
        count("insert " + ITEMS);
    }

    private void insertTypeRow(SourceDatabase.Statements tx) {
        int id = nextTypeRow++;
        tx.insert(TYPES, row(TYPES, List.of(id)));
        typeRows.add(id);
        count("insert " + TYPES);
    }

    /** Sets a random non-empty subset of the non-key columns (a foreign key column keeps its value). */
    private void updateSome(SourceDatabase.Statements tx, String table, List<Object> key) {
        Map<String, Object> set = new HashMap<>();
        List<ModelColumn> columns = tables.columns(table).stream()
                .filter(c -> c.keyOrdinal() == 0 && !c.name().equals("customer_id")).toList();
        boolean all = random.nextInt(5) == 0;
        for (ModelColumn column : columns) {
            if (all || random.nextInt(3) == 0) {
                set.put(column.name(), values.valueOrNull(column));
            }
        }
        if (set.isEmpty()) {
            ModelColumn column = columns.get(random.nextInt(columns.size()));
            set.put(column.name(), values.valueOrNull(column));
        }
        tx.update(table, key, set);
        count("update " + table + (all ? " (all columns)" : " (some columns)"));
    }

    private void reparentOrder(SourceDatabase.Statements tx, int order) {
        anyCustomer().ifPresent(customer -> {
            tx.update(ORDERS, List.of(order), Map.of("customer_id", customer));
            ordersOfCustomer.get(customerOfOrder.get(order)).remove(order);
            ordersOfCustomer.get(customer).add(order);
            customerOfOrder.put(order, customer);
            count("update " + ORDERS + " foreign key");
        });
    }

    private void moveItemKey(SourceDatabase.Statements tx, int id) {
        int newId = nextItem++;
        tx.update(ITEMS, List.of(id), Map.of("id", newId));
        items.remove(id);
        items.add(newId);
        deletedItems.add(id);
        count("primary-key update " + ITEMS);
    }

    private void moveLineKey(SourceDatabase.Statements tx, List<Object> line) {
        int order = (Integer) line.get(0);
        TreeSet<Integer> lines = linesOfOrder.get(order);
        int newNo = lines.last() + 1;
        tx.update(LINES, line, Map.of("line_no", newNo));
        lines.remove((Integer) line.get(1));
        lines.add(newNo);
        count("primary-key update " + LINES);
    }

    private void deleteLine(SourceDatabase.Statements tx, List<Object> line) {
        tx.delete(LINES, line);
        linesOfOrder.get((Integer) line.get(0)).remove((Integer) line.get(1));
        count("delete " + LINES);
    }

    private void deleteOrder(SourceDatabase.Statements tx, int order) {
        for (int line : new ArrayList<>(linesOfOrder.get(order))) {
            deleteLine(tx, List.of(order, line));
        }
        tx.delete(ORDERS, List.of(order));
        linesOfOrder.remove(order);
        ordersOfCustomer.get(customerOfOrder.remove(order)).remove(order);
        count("delete " + ORDERS);
    }

    private void deleteCustomer(SourceDatabase.Statements tx, int customer) {
        for (int order : new ArrayList<>(ordersOfCustomer.get(customer))) {
            deleteOrder(tx, order);
        }
        tx.delete(CUSTOMERS, List.of(customer));
        ordersOfCustomer.remove(customer);
        count("delete " + CUSTOMERS);
    }

    private void deleteItem(SourceDatabase.Statements tx, int id) {
        tx.delete(ITEMS, List.of(id));
        items.remove(id);
        deletedItems.add(id);
        count("delete " + ITEMS);
    }

    private void reinsertItem(SourceDatabase.Statements tx, int id) {
        tx.insert(ITEMS, row(ITEMS, List.of(id)));
        items.add(id);
        count("re-insert " + ITEMS);
    }

    private Map<String, Object> row(String table, List<Object> key) {
        Map<String, Object> row = new HashMap<>();
        List<String> keyColumns = tables.keyColumns(table);
        for (ModelColumn column : tables.columns(table)) {
            int k = keyColumns.indexOf(column.name());
            row.put(column.name(), k >= 0 ? key.get(k) : values.valueOrNull(column));
        }
        return row;
    }

    private java.util.Optional<Integer> anyCustomer() {
        return any(ordersOfCustomer.keySet());
    }

    private java.util.Optional<Integer> anyOrder() {
        return any(customerOfOrder.keySet());
    }

    private java.util.Optional<List<Object>> anyLine() {
        return anyOrder().flatMap(o -> any(linesOfOrder.get(o)).map(l -> List.<Object>of(o, l)));
    }

    private java.util.Optional<Integer> any(java.util.Collection<Integer> keys) {
        if (keys.isEmpty()) {
            return java.util.Optional.empty();
        }
        int skip = random.nextInt(keys.size());
        return keys.stream().skip(skip).findFirst();
    }

    private void count(String kind) {
        statements.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }
}
