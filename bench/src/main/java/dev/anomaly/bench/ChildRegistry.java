package dev.anomaly.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The child JVMs running now, so that Ctrl-C (or a failure) stops every one of them. */
final class ChildRegistry {
    private final Set<ChildJvm> running = ConcurrentHashMap.newKeySet();
    private final JvmLauncher launcher;
    private volatile boolean closed;

    ChildRegistry(JvmLauncher launcher) {
        this.launcher = launcher;
    }

    /** Starts a child; it stays registered until {@link #release}. */
    ChildJvm start(String name, String mainClass, List<String> args, Consumer<String> echo) {
        if (closed) {
            throw new BenchException("stopped");
        }
        ChildJvm child = ChildJvm.start(name, launcher, mainClass, args, echo);
        running.add(child);
        if (closed) {
            child.close();
            throw new BenchException("stopped");
        }
        return child;
    }

    /** Stops the child if it still runs and forgets it. */
    void release(ChildJvm child) {
        child.close();
        running.remove(child);
    }

    /** Stops every running child and refuses new ones (Ctrl-C). */
    void closeAll() {
        closed = true;
        for (ChildJvm child : running) {
            child.close();
        }
        running.clear();
    }
}
