package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.RecordComponentNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Native-readiness, guarded from the JVM side (no GraalVM or Mandrel distribution with its static libraries is served
 * by any registry this machine reaches, so no native image can be linked here). In a native executable only classes
 * registered for reflection can be read or written by Jackson, and only resources listed at build time exist. Quarkus
 * registers the types of REST resource methods itself; everything Jackson handles through an {@code ObjectMapper} in
 * our own code (event payloads through the codec, frames the notification service writes, stored JSON it reads back)
 * must carry {@code @RegisterForReflection}, with every type it reaches through its fields. This reads the compiled
 * classes of {@code common} and the five services and fails on every such type it can detect:
 * <ul>
 * <li>the payload class of every {@code EventType.of(topic, type, Payload.class)};</li>
 * <li>a class literal passed to an {@code ObjectMapper}/{@code ObjectReader} read ({@code readValue},
 * {@code treeToValue}, {@code convertValue}, {@code readerFor});</li>
 * <li>the static type of a value passed to an {@code ObjectMapper}/{@code ObjectWriter} write
 * ({@code writeValueAsString}, {@code valueToTree}, ...) when it is one of ours;</li>
 * <li>transitively, our types reached through the fields and record components of the above.</li>
 * </ul>
 * It also refuses run-time class loading ({@code Class.forName}, {@code ClassLoader.loadClass}, {@code ServiceLoader})
 * in our code, and requires a service that reads classpath resources at run time to list them in
 * {@code quarkus.native.resources.includes}.
 */
class NativeReadinessTest {

    private static final String REGISTER = "Lio/quarkus/runtime/annotations/RegisterForReflection;";
    private static final Set<String> MAPPERS = Set.of("com/fasterxml/jackson/databind/ObjectMapper",
            "com/fasterxml/jackson/databind/ObjectReader", "com/fasterxml/jackson/databind/ObjectWriter");
    private static final Set<String> READS = Set.of("readValue", "treeToValue", "convertValue", "readerFor", "forType",
            "readValues");
    private static final Set<String> WRITES = Set.of("writeValueAsString", "writeValueAsBytes", "valueToTree",
            "writeValue", "convertValue");
    private static final List<String> MODULES = List.of("common", "callback-service", "campaign-service",
            "lead-service", "crm-service", "notification-service");

    /** Every class of ours, by internal name, with the module it was compiled in. */
    private static final Map<String, ClassNode> CLASSES = new LinkedHashMap<>();
    private static final Map<String, String> MODULE_OF = new HashMap<>();

    @BeforeAll
    static void readClasses() throws IOException {
        for (String module : MODULES) {
            Path classes = Tools.ROOT.resolve(module).resolve("target/classes");
            assertThat(classes).as("compiled classes of %s (the build compiles it before this module)", module)
                    .isDirectory();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    ClassNode node = new ClassNode();
                    try (InputStream in = Files.newInputStream(file)) {
                        new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
                    }
                    CLASSES.put(node.name, node);
                    MODULE_OF.put(node.name, module);
                }
            }
        }
    }

    @Test
    void shouldRegisterForReflectionEveryTypeJacksonHandlesThroughOurCode() {
        Map<String, String> roots = new LinkedHashMap<>();
        for (ClassNode owner : CLASSES.values()) {
            for (MethodNode method : owner.methods) {
                findRoots(owner, method, roots);
            }
        }
        assertThat(roots).as("the check finds the payload types of the event definitions").isNotEmpty();

        Set<String> registered = registered();
        Map<String, String> missing = new LinkedHashMap<>();
        Deque<String> work = new ArrayDeque<>(roots.keySet());
        Map<String, String> reachedFrom = new HashMap<>(roots);
        Set<String> seen = new TreeSet<>();
        while (!work.isEmpty()) {
            String type = work.pop();
            if (!seen.add(type) || !CLASSES.containsKey(type)) {
                continue;
            }
            if (!registered.contains(type)) {
                missing.put(type.replace('/', '.'), reachedFrom.get(type));
            }
            for (String reached : typesOfFields(CLASSES.get(type))) {
                reachedFrom.putIfAbsent(reached, "a field of " + type.replace('/', '.'));
                work.push(reached);
            }
        }
        assertThat(missing).as("types Jackson reads or writes through our code without @RegisterForReflection"
                + " (type → where it was found); a native executable could not (de)serialise them").isEmpty();
    }

    @Test
    void shouldNotLoadClassesByNameAtRunTime() {
        List<String> found = new ArrayList<>();
        for (ClassNode owner : CLASSES.values()) {
            for (MethodNode method : owner.methods) {
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof MethodInsnNode call
                            && (call.owner.equals("java/lang/Class") && call.name.equals("forName")
                                    || call.owner.equals("java/lang/ClassLoader") && call.name.equals("loadClass")
                                    || call.owner.equals("java/util/ServiceLoader") && call.name.equals("load"))) {
                        found.add(owner.name.replace('/', '.') + "." + method.name + " calls " + call.owner + "."
                                + call.name);
                    }
                }
            }
        }
        assertThat(found).as("dynamic class loading in our code (native images need every class known at build time)")
                .isEmpty();
    }

    @Test
    void shouldListEveryResourceReadAtRunTimeForTheNativeImage() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String module : MODULES.subList(1, MODULES.size())) {
            boolean readsResources = CLASSES.values().stream()
                    .filter(c -> MODULE_OF.get(c.name).equals(module) || MODULE_OF.get(c.name).equals("common"))
                    .filter(c -> !c.name.startsWith("io/switchboard/common/") || readsDemoScripts(module))
                    .anyMatch(NativeReadinessTest::readsResources);
            if (!readsResources) {
                continue;
            }
            Properties properties = new Properties();
            try (InputStream in = Files
                    .newInputStream(Tools.ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
                properties.load(in);
            }
            if (properties.getProperty("quarkus.native.resources.includes", "").isBlank()) {
                missing.add(module);
            }
        }
        assertThat(missing).as("services that read classpath resources at run time without listing them in"
                + " quarkus.native.resources.includes").isEmpty();
    }

    /** common's DemoData reads the scripts named in switchboard.demo.scripts: only services that name some. */
    private static boolean readsDemoScripts(String module) {
        try {
            return Files.readString(Tools.ROOT.resolve(module).resolve("src/main/resources/application.properties"))
                    .contains("switchboard.demo.scripts");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean readsResources(ClassNode owner) {
        for (MethodNode method : owner.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode call
                        && (call.owner.equals("java/lang/ClassLoader") || call.owner.equals("java/lang/Class"))
                        && (call.name.equals("getResourceAsStream") || call.name.equals("getResource"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> registered() {
        Set<String> registered = new TreeSet<>();
        for (ClassNode node : CLASSES.values()) {
            for (AnnotationNode annotation : annotations(node)) {
                if (!annotation.desc.equals(REGISTER)) {
                    continue;
                }
                List<Type> targets = targets(annotation);
                if (targets.isEmpty()) {
                    registered.add(node.name);
                    // ignoreNested defaults to false: nested classes are registered with their host.
                    CLASSES.keySet().stream().filter(n -> n.startsWith(node.name + "$")).forEach(registered::add);
                } else {
                    targets.forEach(t -> registered.add(t.getInternalName()));
                }
            }
        }
        return registered;
    }

    @SuppressWarnings("unchecked")
    private static List<Type> targets(AnnotationNode annotation) {
        if (annotation.values == null) {
            return List.of();
        }
        for (int i = 0; i < annotation.values.size(); i += 2) {
            if (annotation.values.get(i).equals("targets")) {
                return (List<Type>) annotation.values.get(i + 1);
            }
        }
        return List.of();
    }

    private static List<AnnotationNode> annotations(ClassNode node) {
        List<AnnotationNode> all = new ArrayList<>();
        if (node.visibleAnnotations != null) {
            all.addAll(node.visibleAnnotations);
        }
        if (node.invisibleAnnotations != null) {
            all.addAll(node.invisibleAnnotations);
        }
        return all;
    }

    /** Records the types of ours that this method hands to Jackson, with where. */
    private static void findRoots(ClassNode owner, MethodNode method, Map<String, String> roots) {
        boolean relevant = false;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call && (MAPPERS.contains(call.owner)
                    || call.owner.equals("io/switchboard/common/events/EventType") && call.name.equals("of"))) {
                relevant = true;
                break;
            }
        }
        if (!relevant) {
            return;
        }
        Frame<SourceValue>[] frames;
        try {
            frames = new Analyzer<>(new SourceInterpreter()).analyze(owner.name, method);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("Cannot analyse " + owner.name + "." + method.name, e);
        }
        String where = owner.name.replace('/', '.') + "." + method.name;
        for (int i = 0; i < method.instructions.size(); i++) {
            if (!(method.instructions.get(i) instanceof MethodInsnNode call) || frames[i] == null) {
                continue;
            }
            Frame<SourceValue> frame = frames[i];
            Type[] arguments = Type.getArgumentTypes(call.desc);
            int base = frame.getStackSize() - arguments.length;
            if (call.owner.equals("io/switchboard/common/events/EventType") && call.name.equals("of")) {
                classLiterals(frame.getStack(base + 2)).forEach(t -> roots.putIfAbsent(t, "EventType.of in " + where));
            } else if (MAPPERS.contains(call.owner)) {
                for (int a = 0; a < arguments.length; a++) {
                    SourceValue argument = frame.getStack(base + a);
                    if (READS.contains(call.name) && arguments[a].getDescriptor().equals("Ljava/lang/Class;")) {
                        classLiterals(argument).forEach(t -> roots.putIfAbsent(t, call.name + " in " + where));
                    }
                    if (WRITES.contains(call.name) && a == 0 && arguments[a].getSort() == Type.OBJECT) {
                        staticTypes(method, argument).forEach(t -> roots.putIfAbsent(t, call.name + " in " + where));
                    }
                }
            }
        }
    }

    private static List<String> classLiterals(SourceValue value) {
        List<String> types = new ArrayList<>();
        for (AbstractInsnNode source : value.insns) {
            if (source instanceof LdcInsnNode ldc && ldc.cst instanceof Type type && type.getSort() == Type.OBJECT
                    && ours(type.getInternalName())) {
                types.add(type.getInternalName());
            }
        }
        return types;
    }

    /** The static type of a value, as far as its producing instruction tells; only types of ours are returned. */
    private static List<String> staticTypes(MethodNode method, SourceValue value) {
        List<String> types = new ArrayList<>();
        for (AbstractInsnNode source : value.insns) {
            Type type = null;
            if (source instanceof TypeInsnNode t
                    && (t.getOpcode() == Opcodes.NEW || t.getOpcode() == Opcodes.CHECKCAST)) {
                type = Type.getObjectType(t.desc);
            } else if (source instanceof MethodInsnNode m) {
                type = Type.getReturnType(m.desc);
            } else if (source instanceof FieldInsnNode f) {
                type = Type.getType(f.desc);
            } else if (source instanceof VarInsnNode v && v.getOpcode() == Opcodes.ALOAD) {
                type = localType(method, v);
            }
            if (type != null && type.getSort() == Type.OBJECT && ours(type.getInternalName())) {
                types.add(type.getInternalName());
            }
        }
        return types;
    }

    private static Type localType(MethodNode method, VarInsnNode load) {
        if (method.localVariables == null) {
            return null;
        }
        int at = method.instructions.indexOf(load);
        for (LocalVariableNode local : method.localVariables) {
            if (local.index == load.var && method.instructions.indexOf(local.start) <= at
                    && at <= method.instructions.indexOf(local.end)) {
                return Type.getType(local.desc);
            }
        }
        return null;
    }

    private static final Pattern OUR_TYPE = Pattern.compile("L(io/switchboard/[\\w/$]+)[;<]");

    /** Our types named by a class's instance fields and record components, generic arguments included. */
    private static Set<String> typesOfFields(ClassNode node) {
        Set<String> types = new TreeSet<>();
        List<String> signatures = new ArrayList<>();
        for (FieldNode field : node.fields) {
            if ((field.access & Opcodes.ACC_STATIC) == 0) {
                signatures.add(field.signature != null ? field.signature : field.desc);
            }
        }
        if (node.recordComponents != null) {
            for (RecordComponentNode component : node.recordComponents) {
                signatures.add(component.signature != null ? component.signature : component.descriptor);
            }
        }
        for (String signature : signatures) {
            Matcher matcher = OUR_TYPE.matcher(signature);
            while (matcher.find()) {
                if (CLASSES.containsKey(matcher.group(1))) {
                    types.add(matcher.group(1));
                }
            }
        }
        return types;
    }

    private static boolean ours(String internalName) {
        return internalName.startsWith("io/switchboard/");
    }
}
