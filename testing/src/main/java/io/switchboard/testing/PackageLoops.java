package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * House rule "packages without loops": finds packages of a service that use, directly or through others, a package that
 * uses them back. Reads the sources' text, so it sees every cross-package use (Java needs an import or a qualified name
 * for one), including uses of compile-time constants, which javac inlines and class files no longer show.
 */
public final class PackageLoops {

    private PackageLoops() {
    }

    /**
     * The packages of the {@code .java} files under {@code sources}, each with the packages of {@code root} (and below)
     * it refers to, itself excluded.
     */
    public static Map<String, Set<String>> uses(Path sources, String root) {
        Pattern reference = Pattern.compile(Pattern.quote(root) + "(\\.[a-z_][a-z0-9_]*)*");
        Map<String, List<Path>> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(sources)) {
            all.filter(p -> p.toString().endsWith(".java"))
                    .forEach(p -> files.computeIfAbsent(packageOf(sources, p), k -> new ArrayList<>()).add(p));
            Map<String, Set<String>> uses = new TreeMap<>();
            for (var entry : files.entrySet()) {
                Set<String> used = new TreeSet<>();
                for (Path file : entry.getValue()) {
                    Matcher m = reference.matcher(Files.readString(file));
                    while (m.find()) {
                        String target = longestPackage(m.group(), files.keySet());
                        if (target != null && !target.equals(entry.getKey())) {
                            used.add(target);
                        }
                    }
                }
                uses.put(entry.getKey(), used);
            }
            return uses;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each loop once, as the shortest path from a package back to itself ({@code a -> b -> a}), starting from its
     * alphabetically first member; empty when there is none.
     */
    public static List<String> loops(Map<String, Set<String>> uses) {
        List<String> loops = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (String start : new TreeSet<>(uses.keySet())) {
            if (reported.contains(start)) {
                continue;
            }
            List<String> path = pathBack(uses, start);
            if (path != null) {
                reported.addAll(path);
                loops.add(String.join(" -> ", path));
            }
        }
        return loops;
    }

    /** The shortest path from the package through its dependencies back to itself, or null (breadth-first). */
    private static List<String> pathBack(Map<String, Set<String>> uses, String start) {
        Map<String, String> cameFrom = new HashMap<>();
        List<String> frontier = new ArrayList<>();
        for (String p : new TreeSet<>(uses.getOrDefault(start, Set.of()))) {
            cameFrom.put(p, start);
            frontier.add(p);
        }
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String p : frontier) {
                if (p.equals(start)) {
                    List<String> path = new ArrayList<>();
                    path.add(start);
                    for (String at = cameFrom.get(start); !at.equals(start); at = cameFrom.get(at)) {
                        path.add(0, at);
                    }
                    path.add(0, start);
                    return path;
                }
                for (String q : new TreeSet<>(uses.getOrDefault(p, Set.of()))) {
                    if (!cameFrom.containsKey(q)) {
                        cameFrom.put(q, p);
                        next.add(q);
                    }
                }
            }
            frontier = next;
        }
        return null;
    }

    private static String packageOf(Path sources, Path file) {
        Path dir = sources.relativize(file).getParent();
        return dir == null ? "" : dir.toString().replace(file.getFileSystem().getSeparator(), ".");
    }

    /** The package a qualified reference points into: its longest prefix that has sources. */
    private static String longestPackage(String reference, Set<String> packages) {
        String candidate = reference;
        while (!packages.contains(candidate)) {
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            candidate = candidate.substring(0, dot);
        }
        return candidate;
    }
}
