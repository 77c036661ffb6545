package io.switchboard.callback.queue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A queue's white and black lists, ready to match in memory: exact numbers in a set, prefixes (entries ending in
 * {@code *}) in a list. Black list first: a number on both lists is refused.
 */
public final class NumberLists {

    /** What a queue's number lists say about a number. */
    public enum Verdict {
        ALLOWED, BLACK_LISTED, NOT_WHITE_LISTED
    }

    private final Set<String> whiteExact = new HashSet<>();
    private final List<String> whitePrefixes = new ArrayList<>();
    private final Set<String> blackExact = new HashSet<>();
    private final List<String> blackPrefixes = new ArrayList<>();

    private NumberLists(List<String> white, List<String> black) {
        split(white, whiteExact, whitePrefixes);
        split(black, blackExact, blackPrefixes);
    }

    public static NumberLists of(ServiceQueue queue) {
        return new NumberLists(queue.whiteList(), queue.blackList());
    }

    public Verdict verdict(String e164) {
        if (matches(e164, blackExact, blackPrefixes)) {
            return Verdict.BLACK_LISTED;
        }
        boolean hasWhiteList = !whiteExact.isEmpty() || !whitePrefixes.isEmpty();
        if (hasWhiteList && !matches(e164, whiteExact, whitePrefixes)) {
            return Verdict.NOT_WHITE_LISTED;
        }
        return Verdict.ALLOWED;
    }

    private static boolean matches(String e164, Set<String> exact, List<String> prefixes) {
        if (exact.contains(e164)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (e164.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void split(List<String> entries, Set<String> exact, List<String> prefixes) {
        if (entries == null) {
            return;
        }
        for (String entry : entries) {
            if (entry.endsWith("*")) {
                prefixes.add(entry.substring(0, entry.length() - 1));
            } else {
                exact.add(entry);
            }
        }
    }
}
