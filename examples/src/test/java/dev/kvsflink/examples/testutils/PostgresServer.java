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

import com.sun.security.auth.module.UnixSystem;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for one test class: {@code initdb} into a new temporary directory, then
 * {@code pg_ctl start} on a free loopback port with password authentication, stopped and deleted by
 * {@link #close()}. The server binaries are looked up on {@code PATH} and in Debian's {@code
 * /usr/lib/postgresql/<version>/bin}; without them {@link #start} fails, naming the package to
 * install ({@code .ci/run} installs it). As root (PostgreSQL refuses to run as root) the server
 * runs as the {@code postgres} user, through {@code runuser}.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String OS_USER = "postgres";

    private final Path binDir;
    private final Path baseDir;
    private final boolean asRoot;
    private final int port;
    private final String user;
    private final String password;

    private PostgresServer(
            Path binDir, Path baseDir, boolean asRoot, int port, String user, String password) {
        this.binDir = binDir;
        this.baseDir = baseDir;
        this.asRoot = asRoot;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** Creates a cluster whose superuser is {@code user} with {@code password}, and starts it. */
    public static PostgresServer start(String user, String password) throws Exception {
        Path bin =
                findBinDir()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "PostgreSQL's server programs (initdb, pg_ctl,"
                                                        + " postgres) are not on PATH nor in"
                                                        + " /usr/lib/postgresql/*/bin: install"
                                                        + " them (Debian: apt-get install -y"
                                                        + " postgresql; .ci/run does this)"));
        boolean asRoot = new UnixSystem().getUid() == 0;
        Path base = Files.createTempDirectory("kvs-postgres-");
        if (asRoot) {
            if (!new File("/usr/sbin/runuser").canExecute()
                    && !new File("/sbin/runuser").canExecute()) {
                throw new IllegalStateException(
                        "running as root, and PostgreSQL refuses root: runuser (util-linux) is"
                                + " needed to start it as the postgres user");
            }
            UserPrincipal owner;
            try {
                owner =
                        base.getFileSystem()
                                .getUserPrincipalLookupService()
                                .lookupPrincipalByName(OS_USER);
            } catch (IOException e) {
                throw new IllegalStateException(
                        "running as root, and PostgreSQL refuses root: it runs as the '"
                                + OS_USER
                                + "' user, which does not exist (Debian's postgresql package"
                                + " creates it)",
                        e);
            }
            Files.setOwner(base, owner);
        }
        Path pwFile = base.resolve("pwfile");
        Files.writeString(pwFile, password + "\n", StandardCharsets.UTF_8);
        if (asRoot) {
            Files.setOwner(
                    pwFile,
                    base.getFileSystem()
                            .getUserPrincipalLookupService()
                            .lookupPrincipalByName(OS_USER));
        }
        PostgresServer server = new PostgresServer(bin, base, asRoot, freePort(), user, password);
        server.run(
                "initdb",
                "-D",
                base.resolve("data").toString(),
                "-U",
                user,
                "--pwfile=" + pwFile,
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C");
        // A throwaway cluster: no fsync, sockets in its own directory (not /var/run/postgresql).
        server.run(
                "pg_ctl",
                "-D",
                base.resolve("data").toString(),
                "-l",
                base.resolve("server.log").toString(),
                "-w",
                "-t",
                "120",
                "-o",
                "-p " + server.port + " -h 127.0.0.1 -k " + base + " -c fsync=off",
                "start");
        return server;
    }

    /** The JDBC URL of the {@code postgres} database. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** The JDBC URL of {@code database}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws Exception {
        try {
            run("pg_ctl", "-D", baseDir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } finally {
            try (Stream<Path> all = Files.walk(baseDir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs one of the server's programs (as {@code postgres} when root) and waits for it. */
    private void run(String program, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(binDir.resolve(program).toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("kvs-postgres-" + program, ".log");
        try {
            Process p =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within 3 minutes");
            }
            if (p.exitValue() != 0) {
                Path serverLog = baseDir.resolve("server.log");
                throw new IllegalStateException(
                        String.join(" ", command)
                                + " exited with "
                                + p.exitValue()
                                + ":\n"
                                + Files.readString(log)
                                + (Files.isReadable(serverLog)
                                        ? "\nserver.log:\n" + Files.readString(serverLog)
                                        : ""));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The first directory holding initdb, pg_ctl and postgres: PATH, then Debian's layout. */
    private static Optional<Path> findBinDir() throws IOException {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir));
                }
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing(PostgresServer::version).reversed())
                        .forEach(candidates::add);
            }
        }
        return candidates.stream()
                .filter(
                        d ->
                                Stream.of("initdb", "pg_ctl", "postgres")
                                        .allMatch(p -> Files.isExecutable(d.resolve(p))))
                .findFirst();
    }

    private static int version(Path binDir) {
        try {
            return Integer.parseInt(binDir.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
