package io.minicrm.application.support;

import java.util.ArrayList;
import java.util.List;

/** Splitting lists into bounded chunks. */
public final class Chunks {
    private Chunks() {
    }

    public static <T> List<List<T>> of(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return out;
    }
}
