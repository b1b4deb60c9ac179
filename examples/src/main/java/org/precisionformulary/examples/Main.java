// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.precisionformulary.content.ContentException;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePackException;
import org.precisionformulary.model.json.FormularyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code precision-formulary.jar} command line (contract §5). Exit codes: 0 success, 1 failed checks,
 * 2 usage error. Standard output carries only the command's output (and help or version when asked for);
 * everything else goes to standard error. Parsing, {@code --help} and {@code --version} are picocli's; each
 * command's syntax is its {@code Syntax} class.
 */
@Command(name = Main.NAME, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        synopsisSubcommandLabel = "COMMAND", usageHelpWidth = 110,
        description = "Decides prescription coverage with pharmacogenomics: the built-in CPIC rule pack and a "
                + "formulary (the embedded demo formulary DEMO-2026 unless --formulary is given).",
        subcommands = {EvaluateCommand.Syntax.class, BatchCommand.Syntax.class, ScenariosCommand.Syntax.class,
                ValidateCommand.Syntax.class, PhenotypeCommand.Syntax.class, DemoCommand.Syntax.class,
                HelpCommand.class},
        footerHeading = "%n", footer = "Run 'precision-formulary COMMAND --help' for a command's options.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failed checks", "2:usage error"})
public final class Main {

    static final String NAME = "precision-formulary";
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        // JSON is UTF-8 and CPIC spells copy numbers and scores with '≥'; do not depend on the platform charset.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, System.in, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs one command; never throws, never exits.
     *
     * @return the exit code
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Console console = new Console(in, out, err);
        CommandLine top = commandLine(console);
        CommandLine command = top;
        try {
            ParseResult parsed = top.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return 0;
            }
            while (parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
            }
            command = parsed.commandSpec().commandLine();
            if (!(command.getCommand() instanceof CliCommand cli)) {
                throw new UsageException("no command given");
            }
            return cli.run(Options.of(parsed), console);
        } catch (ParameterException e) {
            return usageError(e.getCommandLine(), message(e), err);
        } catch (UsageException e) {
            return usageError(command, e.getMessage(), err);
        } catch (RulePackException | FormularyException | ContentException e) {
            err.println(NAME + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(NAME + ": " + describe(e));
            return 1;
        } catch (UncheckedIOException e) {
            err.println(NAME + ": " + describe(e.getCause()));
            return 1;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // A bug, not the user's doing: one line for them, the trace for whoever turns logging up.
            LOG.debug("Internal error", e);
            err.println(NAME + ": internal error: " + e);
            return 1;
        } finally {
            out.flush();
        }
    }

    private static CommandLine commandLine(Console console) {
        CommandLine top = new CommandLine(new Main());
        top.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        top.setOut(new PrintWriter(new OutputStreamWriter(console.out(), StandardCharsets.UTF_8), true));
        top.setErr(new PrintWriter(new OutputStreamWriter(console.err(), StandardCharsets.UTF_8), true));
        return top;
    }

    /**
     * A wrong command line costs the user one short message, the command's usage line and where to read more,
     * never the whole manual.
     */
    private static int usageError(CommandLine command, String message, PrintStream err) {
        String name = command.getCommandSpec().qualifiedName(" ");
        String prefix = command.getCommand() instanceof CliCommand ? command.getCommandName() + ": " : "";
        err.println(NAME + ": " + (message.startsWith(prefix) ? message : prefix + message));
        err.print(command.getHelp().synopsisHeading() + command.getHelp().synopsis(0));
        err.println("Run '" + name + " --help' for more.");
        return 2;
    }

    /** Picocli's message, except where it would not say what the user got wrong. */
    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !(e.getCommandLine().getCommand() instanceof CliCommand)
                && !u.getUnmatched().isEmpty()) {
            String unmatched = u.getUnmatched().get(0);
            return unmatched.startsWith("-") ? "unknown option " + unmatched : "unknown command '" + unmatched + "'";
        }
        return e.getMessage();
    }

    /** {@code --version}: the version the jar was built as. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] {NAME + " " + version()};
        }

        /** @return the jar's Implementation-Version; run from classes (tests), the engine's version, the same */
        static String version() {
            String fromJar = Main.class.getPackage().getImplementationVersion();
            return fromJar != null ? fromJar : PrecisionFormulary.VERSION;
        }
    }

    private static String describe(IOException e) {
        // NoSuchFileException and AccessDeniedException carry only the path as their message.
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
