package io.switchboard.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * House rule "packages without loops": no package of campaign-service uses, directly or through others, a package that
 * uses it back. Reads the main sources' references to {@code io.switchboard.campaign.*} (imports and qualified names).
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("io\\.switchboard\\.campaign(\\.[a-z][a-z0-9]*)*");

    @Test
    void shouldHaveNoPackageLoops() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertThat(uses).containsKeys("io.switchboard.campaign.queue", "io.switchboard.campaign.ewt");
        List<List<String>> loops = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> path = pathBack(uses, start);
            if (path != null) {
                loops.add(path);
            }
        }
        assertThat(loops).as("package loops").isEmpty();
    }

    /** A path from the package's dependencies back to itself, or null. */
    private static List<String> pathBack(Map<String, Set<String>> uses, String start) {
        Map<String, String> cameFrom = new HashMap<>();
        List<String> frontier = new ArrayList<>(uses.getOrDefault(start, Set.of()));
        frontier.forEach(p -> cameFrom.put(p, start));
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String p : frontier) {
                if (p.equals(start)) {
                    List<String> path = new ArrayList<>();
                    String at = cameFrom.get(start);
                    path.add(start);
                    while (!at.equals(start)) {
                        path.add(0, at);
                        at = cameFrom.get(at);
                    }
                    path.add(0, start);
                    return path;
                }
                for (String q : uses.getOrDefault(p, Set.of())) {
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

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, List<Path>> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(SOURCES)) {
            all.filter(p -> p.toString().endsWith(".java"))
                    .forEach(p -> files.computeIfAbsent(SOURCES.relativize(p.getParent()).toString().replace('/', '.'),
                            k -> new ArrayList<>()).add(p));
        }
        Map<String, Set<String>> uses = new TreeMap<>();
        for (var entry : files.entrySet()) {
            Set<String> used = new TreeSet<>();
            for (Path file : entry.getValue()) {
                Matcher m = REFERENCE.matcher(Files.readString(file));
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
    }

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
