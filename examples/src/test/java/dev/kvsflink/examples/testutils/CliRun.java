/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.kvsflink.examples.testutils;

import dev.kvsflink.examples.cli.Cli;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One run of a command line as {@code main} runs it ({@link Cli#of}), with what it printed.
 *
 * @param exitCode the exit code {@code main} would exit with
 * @param out what it printed to standard output
 * @param err what it printed to standard error
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code command} (a picocli-annotated object) with {@code args}. */
    public static CliRun of(Object command, String... args) {
        return of(Cli.of(command), args);
    }

    /** Runs {@code cli} with {@code args}. */
    public static CliRun of(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** What it printed to standard output with every run of white space as one space. */
    public String usage() {
        return out.replaceAll("\\s+", " ");
    }

    /** The lines printed to standard error. */
    public List<String> errLines() {
        return err.lines().toList();
    }
}
