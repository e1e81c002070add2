package io.marginscope.analysis;

import io.marginscope.margin.Policy;
import io.marginscope.stress.StressScenario;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The fields of a policy value and their edits: where two {@link Policy} records differ, and a
 * policy with some of those fields taken from another. The policy is walked as the records it is
 * made of (record components in declaration order, map entries by key, list elements by index),
 * not as any file format: a leaf is a number, a text, a flag or an enum; a block or entry present
 * in one policy only, a list whose length changed or two blocks of different kinds (another
 * exchange model) are one field. The name, source and description of a policy are not fields: they
 * do not enter the margin. A stress block's episodes, custom files and the scenarios read from
 * them are one field, {@code stress.scenarios}: the names and what they were resolved to move
 * together.
 */
final class PolicyFields {

    /** Components of {@link Policy} that do not enter the margin. */
    private static final java.util.Set<String> TEXT_ONLY = java.util.Set.of("name", "source");
    /** The virtual leaf standing for a stress block's episodes, custom files and their scenarios. */
    static final String SCENARIOS = "scenarios";

    private PolicyFields() {
    }

    /**
     * One step of a path into a policy: a record component (by name), a map key or a list index.
     */
    sealed interface Step permits Component, Key, Index {
    }

    record Component(String name) implements Step {
    }

    record Key(Object key) implements Step {
    }

    record Index(int index) implements Step {
    }

    /**
     * A changed field.
     *
     * @param path   the steps from the policy to the field
     * @param before its value in the first policy (null when absent)
     * @param after  its value in the second (null when absent)
     */
    record Change(List<Step> path, Object before, Object after) {
        Change {
            path = List.copyOf(path);
        }

        /** As {@code exchange.parameters.pairs.BTC.grid.priceRange}, list indexes as [i]. */
        String label() {
            StringBuilder sb = new StringBuilder();
            for (Step s : path) {
                switch (s) {
                    case Component c -> sb.append(sb.isEmpty() ? "" : ".").append(c.name());
                    case Key k -> sb.append(sb.isEmpty() ? "" : ".").append(k.key());
                    case Index i -> sb.append('[').append(i.index()).append(']');
                }
            }
            return sb.isEmpty() ? "(policy)" : sb.toString();
        }

        /** The path without its last step (the block the field is in). */
        List<Step> parent() {
            return path.subList(0, Math.max(0, path.size() - 1));
        }
    }

    /** The fields in which the two policies differ, in declaration order (maps by key). */
    static List<Change> diff(Policy before, Policy after) {
        List<Change> out = new ArrayList<>();
        diff(new ArrayList<>(), before, after, out);
        return out;
    }

    /**
     * {@code base} with the given fields set to their {@code after} values.
     *
     * @throws IllegalArgumentException when the mix is not a policy (a record refuses the combination)
     */
    static Policy patch(Policy base, List<Change> moved) {
        return (Policy) set(base, moved, 0);
    }

    /**
     * {@code node} with every change (all of whose paths pass through it, {@code depth} steps down) applied:
     * each record rebuilt once with all of its changed components, so that fields which must move together
     * (the warning and liquidation levels) are never checked half moved.
     */
    private static Object set(Object node, List<Change> changes, int depth) {
        for (Change c : changes) {
            if (c.path().size() == depth) {
                return c.after();
            }
        }
        Map<Step, List<Change>> byStep = new LinkedHashMap<>();
        for (Change c : changes) {
            byStep.computeIfAbsent(c.path().get(depth), k -> new ArrayList<>()).add(c);
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> m = new LinkedHashMap<>(map);
            byStep.forEach((step, cs) -> {
                Object key = ((Key) step).key();
                Object next = set(m.get(key), cs, depth + 1);
                if (next == null) {
                    m.remove(key);
                } else {
                    m.put(key, next);
                }
            });
            return m;
        }
        if (node instanceof List<?> list) {
            List<Object> l = new ArrayList<>(list);
            byStep.forEach((step, cs) -> {
                int i = ((Index) step).index();
                l.set(i, set(l.get(i), cs, depth + 1));
            });
            return l;
        }
        if (node instanceof Policy.Stress s && byStep.containsKey(new Component(SCENARIOS))) {
            Named n = (Named) byStep.remove(new Component(SCENARIOS)).get(0).after();
            node = new Policy.Stress(s.span(), s.grid(), n.episodes(), n.custom(), n.scenarios());
            if (byStep.isEmpty()) {
                return node;
            }
        }
        RecordComponent[] rcs = node.getClass().getRecordComponents();
        Object[] args = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
            args[i] = value(rcs[i], node);
            List<Change> cs = byStep.get(new Component(rcs[i].getName()));
            if (cs != null) {
                args[i] = set(args[i], cs, depth + 1);
            }
        }
        return construct(node.getClass(), types, args);
    }

    private static void diff(List<Step> path, Object a, Object b, List<Change> out) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            out.add(new Change(path, a, b));
        } else if (a instanceof Policy.Stress x) {
            Policy.Stress y = (Policy.Stress) b;
            for (RecordComponent rc : Policy.Stress.class.getRecordComponents()) {
                String n = rc.getName();
                if (!n.equals("episodes") && !n.equals("custom") && !n.equals(SCENARIOS)) {
                    diff(with(path, new Component(n)), value(rc, x), value(rc, y), out);
                }
            }
            Named nx = Named.of(x);
            Named ny = Named.of(y);
            if (!nx.equals(ny)) {
                out.add(new Change(with(path, new Component(SCENARIOS)), nx, ny));
            }
        } else if (a.getClass().isRecord()) {
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                if (a instanceof Policy && TEXT_ONLY.contains(rc.getName())) {
                    continue;
                }
                diff(with(path, new Component(rc.getName())), value(rc, a), value(rc, b), out);
            }
        } else if (a instanceof Map<?, ?> x) {
            Map<?, ?> y = (Map<?, ?>) b;
            TreeSet<String> keys = new TreeSet<>();
            Map<String, Object> byText = new LinkedHashMap<>();
            for (Object k : x.keySet()) {
                keys.add(String.valueOf(k));
                byText.put(String.valueOf(k), k);
            }
            for (Object k : y.keySet()) {
                keys.add(String.valueOf(k));
                byText.put(String.valueOf(k), k);
            }
            for (String k : keys) {
                Object key = byText.get(k);
                Object vx = x.get(key);
                Object vy = y.get(key);
                if (vx == null || vy == null) {
                    out.add(new Change(with(path, new Key(key)), vx, vy));
                } else {
                    diff(with(path, new Key(key)), vx, vy, out);
                }
            }
        } else if (a instanceof List<?> x && ((List<?>) b).size() == x.size()) {
            List<?> y = (List<?>) b;
            for (int i = 0; i < x.size(); i++) {
                diff(with(path, new Index(i)), x.get(i), y.get(i), out);
            }
        } else {
            out.add(new Change(path, a, b));
        }
    }

    private static Object construct(Class<?> type, Class<?>[] types, Object[] args) {
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + type.getName(), e);
        }
    }

    private static Object value(RecordComponent rc, Object record) {
        try {
            rc.getAccessor().setAccessible(true);
            return rc.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + rc, e);
        }
    }

    private static List<Step> with(List<Step> path, Step step) {
        List<Step> out = new ArrayList<>(path);
        out.add(step);
        return out;
    }

    /** A stress block's named scenarios: the episodes, the custom files and what io read from them. */
    record Named(List<String> episodes, List<String> custom, List<StressScenario> scenarios) {
        static Named of(Policy.Stress s) {
            return new Named(s.episodes(), s.custom(), s.scenarios());
        }

        @Override
        public String toString() {
            List<String> all = new ArrayList<>(episodes);
            all.addAll(custom);
            return all.toString();
        }
    }
}
