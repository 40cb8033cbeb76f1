package dev.streamfit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

/**
 * One page of a filtered list and how many items matched in all ({@code X-Total-Count}).
 *
 * @param items the matches from {@code offset} on, at most {@code limit} of them
 * @param total every match, on this page or not
 */
public record ListPage<T>(List<T> items, int total) {

    /** The name of the header that carries {@link #total}. */
    public static final String TOTAL_HEADER = "X-Total-Count";

    /**
     * How a listing answers: 400 when a parameter cannot be read; the whole list as before when no
     * parameter is given; else the page, with {@value #TOTAL_HEADER}.
     */
    static Response answer(Supplier<ListQuery> query, Supplier<Object> whole, Function<ListQuery, ListPage<?>> find) {
        ListQuery read;
        try {
            read = query.get();
        } catch (ListQuery.BadParameter e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(new ApiError(e.getMessage())).build();
        }
        if (!read.given()) {
            return Response.ok(whole.get()).build();
        }
        ListPage<?> page = find.apply(read);
        return Response.ok(page.items()).header(TOTAL_HEADER, page.total()).build();
    }

    /** Walks {@code candidates} in order once, keeping the matches of the page and counting them all. */
    public static <T> ListPage<T> of(Iterable<? extends T> candidates, Predicate<? super T> filter, int offset, Integer limit) {
        List<T> items = new ArrayList<>(limit == null ? 16 : Math.min(limit, 1000));
        int total = 0;
        for (T candidate : candidates) {
            if (filter.test(candidate)) {
                if (total >= offset && (limit == null || items.size() < limit)) {
                    items.add(candidate);
                }
                total++;
            }
        }
        return new ListPage<>(List.copyOf(items), total);
    }
}
