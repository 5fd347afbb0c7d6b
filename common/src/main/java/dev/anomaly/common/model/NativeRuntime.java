package dev.anomaly.common.model;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Configures ND4J once per process before first use. Its default OpenMP threads make small-network
 * training 10–25× slower on 2 cores when anything else uses the CPU (shared/STACK.md), so one thread is
 * the default; {@code ANOMALY_ND4J_THREADS} raises it on bigger machines.
 */
public final class NativeRuntime {
    private static final Object LOCK = new Object();
    private static boolean configured;

    private NativeRuntime() {
    }

    /** Idempotent; call before building or loading a network. */
    public static void configure() {
        synchronized (LOCK) {
            if (configured) {
                return;
            }
            int threads = 1;
            String fromEnv = System.getenv("ANOMALY_ND4J_THREADS");
            if (fromEnv != null && fromEnv.matches("\\d+") && Integer.parseInt(fromEnv) > 0) {
                threads = Integer.parseInt(fromEnv);
            }
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            configured = true;
        }
    }
}
