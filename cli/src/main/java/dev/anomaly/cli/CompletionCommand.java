package dev.anomaly.cli;

import dev.anomaly.commandline.HelpOption;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code anomaly completion}: prints the bash/zsh completion script. */
@Command(name = "completion",
        description = {"Print a bash/zsh completion script for anomaly.",
            "Use it with: source <(bin/anomaly completion)"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("anomaly", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
