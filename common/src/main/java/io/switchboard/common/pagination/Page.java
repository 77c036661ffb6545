package io.switchboard.common.pagination;

import java.util.List;
import java.util.function.Function;

/** A page of a cursor-paginated list: {@code {"metadata": {"limit": n, "nextCursor": ...}, "items": [...]}}. */
public record Page<T>(Metadata metadata, List<T> items) {

    public record Metadata(int limit, String nextCursor) {
    }

    /**
     * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only says that there is a next
     * page.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> keyOf) {
        if (fetched.size() > limit) {
            List<T> items = fetched.subList(0, limit);
            return new Page<>(new Metadata(limit, Cursor.encode(keyOf.apply(items.get(limit - 1)))),
                    List.copyOf(items));
        }
        return new Page<>(new Metadata(limit, null), List.copyOf(fetched));
    }
}
