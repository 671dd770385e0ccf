package io.minicrm.application.inprocess;

import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The in-memory stores' one way of paging newest first: by id descending (ids are time-ordered), walking a map
 * kept in id order from just below the cursor; the cursor is the last id returned.
 */
final class NewestFirst {
    private NewestFirst() {
    }

    /**
     * The page of {@code byId}'s values passing {@code filter}, newest first.
     *
     * @param key the map key of a cursor (an id)
     * @param id  the id of a value
     */
    static <K, T> Page<T> page(NavigableMap<K, T> byId, Function<String, K> key, Function<T, String> id,
                               Predicate<T> filter, PageRequest page) {
        Cursors.requireId(page.cursor());
        NavigableMap<K, T> older = page.cursor() == null ? byId.descendingMap()
                : byId.headMap(key.apply(page.cursor()), false).descendingMap();
        List<T> out = new ArrayList<>();
        for (T t : older.values()) {
            if (filter.test(t)) {
                if (out.size() == page.limit()) {
                    return new Page<>(out, id.apply(out.get(out.size() - 1)));
                }
                out.add(t);
            }
        }
        return new Page<>(out, null);
    }
}
