package dev.anomaly.model;

import org.deeplearning4j.util.CrashReportingUtil;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Configures ND4J once per process before first use. Its default OpenMP threads make small-network
 * training 10–25× slower on 2 cores when anything else uses the CPU (shared/STACK.md), so one thread is
 * the default; {@code ANOMALY_ND4J_THREADS} raises it on bigger machines.
 *
 * <p>ND4J's garbage-collected deallocation of arrays is switched off ({@code org.nd4j.noarraygc}, unless
 * set otherwise): ND4J 1.0.0-M2.1 keeps no reference to a broadcast op across its native call, so a
 * collection that lands there frees the op's dimension array under it, a SIGSEGV in
 * {@code sd::DataBuffer::primary()} during DL4J's {@code fit}. With a 48 MB heap it took 2 of 120
 * {@code train} runs, and still 1 of 267 with only ND4J's periodic {@code System.gc()} off; with
 * deallocation off, 0 of 480. The cost is memory that is freed only when the process ends: a network's few
 * kilobytes per build, save or load. Training ({@link AutoencoderTrainer}) and scoring
 * ({@link DenseForwardPass}) run no ND4J op.
 *
 * <p>DL4J's memory crash reports are off: they call OSHI 3.4.2, and the agent's OSHI 6 is the one on the
 * class path, so a report would replace an OutOfMemoryError by a NoSuchMethodError.
 */
public final class NativeRuntime {
    /** ND4J reads it once, when its deallocator starts: it must be set before ND4J's first use. */
    static final String NO_ARRAY_GC = "org.nd4j.noarraygc";
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
            if (System.getProperty(NO_ARRAY_GC) == null) {
                System.setProperty(NO_ARRAY_GC, "true");
            }
            Nd4j.getMemoryManager().togglePeriodicGc(false);
            CrashReportingUtil.crashDumpsEnabled(false);
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            configured = true;
        }
    }
}
