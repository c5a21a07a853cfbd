package io.ctsync.json;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded least-recently-used map, safe for the worker's threads (one converter may serve several). */
final class SchemaCache<K, V> {

    private final Map<K, V> entries;

    SchemaCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    synchronized int size() {
        return entries.size();
    }
}
