package dev.anomaly.model;

/** A radix-2 complex FFT, enough to compute autocorrelations in O(n log n). */
final class Fft {
    private Fft() {
    }

    /** The smallest power of two at least {@code n}. */
    static int powerOfTwoAtLeast(int n) {
        int size = 1;
        while (size < n) {
            size <<= 1;
        }
        return size;
    }

    /**
     * The circular autocorrelation {@code r[lag] = Σ x[i]·x[i+lag]} of a series zero-padded to at least
     * twice its length, so no wrap-around reaches the lags below {@code x.length}.
     */
    static double[] autocorrelation(double[] x) {
        int n = powerOfTwoAtLeast(2 * x.length);
        double[] re = new double[n];
        double[] im = new double[n];
        System.arraycopy(x, 0, re, 0, x.length);
        transform(re, im, false);
        for (int i = 0; i < n; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0;
        }
        transform(re, im, true);
        double[] result = new double[x.length];
        for (int lag = 0; lag < x.length; lag++) {
            result[lag] = re[lag] / n;
        }
        return result;
    }

    /** In-place iterative Cooley-Tukey FFT; {@code inverse} leaves the 1/n scaling to the caller. */
    static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int length = 2; length <= n; length <<= 1) {
            double angle = 2 * Math.PI / length * (inverse ? 1 : -1);
            double stepRe = Math.cos(angle);
            double stepIm = Math.sin(angle);
            for (int start = 0; start < n; start += length) {
                double wRe = 1;
                double wIm = 0;
                for (int k = 0; k < length / 2; k++) {
                    int a = start + k;
                    int b = a + length / 2;
                    double bRe = re[b] * wRe - im[b] * wIm;
                    double bIm = re[b] * wIm + im[b] * wRe;
                    re[b] = re[a] - bRe;
                    im[b] = im[a] - bIm;
                    re[a] += bRe;
                    im[a] += bIm;
                    double nextRe = wRe * stepRe - wIm * stepIm;
                    wIm = wRe * stepIm + wIm * stepRe;
                    wRe = nextRe;
                }
            }
        }
    }
}
