// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/authoring.md is a test: every "File `path`:" block is written to a work folder, every command in a
 * bash block runs through the command line, exits 0, and prints every line of the text block after it.
 */
class AuthoringGuideTest {

    private static final Pattern FILE = Pattern.compile("File `([^`]+)`:\\s*\\n\\s*```\\w*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern COMMAND = Pattern.compile(
            "```bash\\n(java -jar examples/target/precision-formulary\\.jar [^\\n]+)\\n```(?:\\s*\\n\\s*```text\\n(.*?)\\n```)?",
            Pattern.DOTALL);

    @Test
    void theGuidesExampleRunsAsWritten(@TempDir Path work) throws Exception {
        String guide = Files.readString(Path.of("../docs/authoring.md"), StandardCharsets.UTF_8);
        Matcher files = FILE.matcher(guide);
        int written = 0;
        while (files.find()) {
            Path target = work.resolve(files.group(1));
            Files.createDirectories(target.getParent());
            Files.writeString(target, files.group(2) + "\n", StandardCharsets.UTF_8);
            written++;
        }
        assertThat(written).as("files in the guide").isGreaterThanOrEqualTo(6);
        Matcher commands = COMMAND.matcher(guide);
        int ran = 0;
        while (commands.find()) {
            List<String> args = new ArrayList<>();
            for (String word : commands.group(1).substring("java -jar examples/target/precision-formulary.jar ".length()).split(" ")) {
                // The guide's paths are relative to where the reader works; here, the work folder.
                args.add(word.startsWith("my-plan-pack") ? work.resolve(word).toString() : word);
            }
            Cli cli = Cli.run(args.toArray(String[]::new));
            assertThat(cli.exitCode()).as("%s%n%s%s", commands.group(1), cli.out(), cli.err()).isZero();
            if (commands.group(2) != null) {
                for (String line : commands.group(2).split("\\n")) {
                    if (!line.isBlank()) {
                        assertThat(cli.out()).as(commands.group(1)).contains(line.trim());
                    }
                }
            }
            ran++;
        }
        assertThat(ran).as("commands in the guide").isEqualTo(3);
    }
}
