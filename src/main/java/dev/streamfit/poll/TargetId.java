package dev.streamfit.poll;

/** A configured target: {@code streamfit.<system>.<name>}. */
public record TargetId(SystemKind system, String name) implements Comparable<TargetId> {

    @Override
    public int compareTo(TargetId other) {
        int bySystem = system.compareTo(other.system);
        return bySystem != 0 ? bySystem : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return system.label() + "/" + name;
    }
}
