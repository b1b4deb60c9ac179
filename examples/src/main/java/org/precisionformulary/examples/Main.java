// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import org.precisionformulary.content.ContentException;
import org.precisionformulary.engine.RulePackException;
import org.precisionformulary.model.json.FormularyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code precision-formulary.jar} command line (contract §5). Exit codes: 0 success, 1 failed checks,
 * 2 usage error. Standard output carries only the command's output; everything else goes to standard error.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    static final String USAGE = String.join("\n",
            "Usage: java -jar precision-formulary.jar COMMAND [OPTIONS]",
            "",
            "Commands:",
            "  evaluate [--formulary F] [--pack DIR] [--pharmcat FILE] [--outside-calls FILE] [--member-id-key FILE]",
            "           [REQUEST.json]",
            "      Decides one coverage request (from the file, or standard input when none or '-')",
            "      and prints the decision as JSON.",
            "  batch --in IN.ndjson --out OUT.ndjson [--formulary F] [--pack DIR | --watch DIR] [--threads N]",
            "        [--resume] [--member-id-key FILE] [--report R.html [--equity-threshold PP] [--min-group-size N]",
            "        [--baseline-formulary F | --compare-without-genotypes]]",
            "      Decides one request per line and writes one decision per line, in input order, whole",
            "      lines only. A request id seen on an earlier line is a duplicate: PHARMACIST_REVIEW.",
            "      Progress (every 5 s) and a summary go to standard error.",
            "  scenarios DIR [--pack DIR] [--formulary F] [--coverage]",
            "      Runs every regression scenario (*.json) under DIR, or one scenario file; one line per",
            "      scenario (details for failures), then 'N passed, N failed'. Exit 1 if any failed.",
            "      --coverage adds, before that last line, the rules fired per DRL file",
            "      ('fired/total  pct  file') and the rules no scenario fired.",
            "  validate DIR",
            "      Compiles a rule pack and checks it (GINA and clock rules, metadata, unique names);",
            "      prints every problem as file:line: message. Exit 1 if there is any.",
            "  phenotype GENE DIPLOTYPE",
            "      Prints CPIC's phenotype and activity score for one diplotype, e.g. phenotype CYP2D6 '*1/*4'.",
            "      Write copy numbers as '*1/*2x>=3' if your shell cannot pass '≥'.",
            "  demo",
            "      Decides the embedded sample members against the demo formulary and prints the decisions.",
            "",
            "Options:",
            "  --formulary F   a formulary JSON document (default: the embedded demo formulary DEMO-2026);",
            "                  for scenarios, the formulary of those that do not name their own",
            "  --pack DIR      a rule pack: a directory of DRL files or a pack jar (default: the built-in CPIC pack);",
            "                  with extends=builtin in its pack.properties it is laid over the built-in pack",
            "  --threads N     batch only: decide up to N requests at once (default 1); output order is kept",
            "  --watch DIR     batch only: the pack in DIR, reloaded in the background whenever it changes",
            "  --resume        batch only: carry on an interrupted run; keeps the complete lines of OUT, drops",
            "                  a last line cut short and appends the rest (without it, OUT is overwritten)",
            "  --report R.html batch only: writes the batch report as R.html and its figures as R.json",
            "  --equity-threshold PP  with --report: flag gaps between monitoring groups above PP",
            "                  percentage points (default 5)",
            "  --min-group-size N     with --report: smaller groups are pooled (default 20)",
            "  --baseline-formulary F with --report: also decide each request on formulary F without its",
            "                  genotypes, and compare",
            "  --compare-without-genotypes  with --report: compare with the same formulary without genotypes",
            "  --member-id-key FILE  evaluate and batch: put an HMAC-SHA-256 of each member id, keyed with the",
            "                  contents of FILE (at least 16 bytes), in audit.memberIdHash; without it decisions",
            "                  carry no member identifier",
            "  --help          prints this help",
            "",
            "Exit codes: 0 success, 1 failed checks, 2 usage error.");

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
        try {
            return dispatch(Arrays.asList(args), console);
        } catch (UsageException e) {
            err.println("precision-formulary: " + e.getMessage());
            err.println();
            err.println(USAGE);
            return 2;
        } catch (RulePackException | FormularyException | ContentException e) {
            err.println("precision-formulary: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("precision-formulary: " + describe(e));
            return 1;
        } catch (UncheckedIOException e) {
            err.println("precision-formulary: " + describe(e.getCause()));
            return 1;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // A bug, not the user's doing: one line for them, the trace for whoever turns logging up.
            LOG.debug("Internal error", e);
            err.println("precision-formulary: internal error: " + e);
            return 1;
        } finally {
            out.flush();
        }
    }

    private static int dispatch(List<String> args, Console console) throws IOException {
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = args.get(0);
        if (command.equals("--help") || command.equals("-h") || command.equals("help") || args.contains("--help")) {
            console.out().println(USAGE);
            return 0;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (command) {
            case "evaluate" -> EvaluateCommand.run(rest, console);
            case "batch" -> BatchCommand.run(rest, console);
            case "phenotype" -> PhenotypeCommand.run(rest, console);
            case "demo" -> DemoCommand.run(rest, console);
            case "scenarios" -> ScenariosCommand.run(rest, console);
            case "validate" -> ValidateCommand.run(rest, console);
            default -> throw new UsageException("unknown command '" + command + "'");
        };
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
