package dev.anomaly.trainer.report;

import dev.anomaly.model.EpochListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar of epochs with the latest losses, for a terminal. */
public final class EpochProgress implements EpochListener, AutoCloseable {
    private final ProgressBar bar;

    public EpochProgress(int epochs, PrintStream terminal) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(epochs)
                .setUnit(" epochs", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .hideEta()
                .build();
    }

    @Override
    public void onEpoch(int epoch, double trainLoss, double validationLoss) {
        bar.stepTo(epoch);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, validation %.4f", trainLoss, validationLoss));
    }

    @Override
    public void close() {
        bar.close();
    }
}
