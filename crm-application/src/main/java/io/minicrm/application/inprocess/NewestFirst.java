package io.minicrm.application.inprocess;

import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Paging by id descending (ids are time-ordered, so newest first); the cursor is the last id returned. */
final class NewestFirst {
    private NewestFirst() {
    }

    static <T> Page<T> page(Collection<T> items, Function<T, String> id, PageRequest page) {
        Cursors.requireId(page.cursor());
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(id).reversed());
        List<T> out = new ArrayList<>();
        for (T t : sorted) {
            if (page.cursor() != null && id.apply(t).compareTo(page.cursor()) >= 0) {
                continue;
            }
            if (out.size() == page.limit()) {
                return new Page<>(out, id.apply(out.get(out.size() - 1)));
            }
            out.add(t);
        }
        return new Page<>(out, null);
    }
}
