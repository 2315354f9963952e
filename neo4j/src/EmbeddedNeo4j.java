import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * Runs a real Neo4j Community DBMS in this JVM with Bolt on loopback only, so the Node API can talk to it
 * exactly as it would to a server. Settings come from environment variables (set by src/db/embedded.ts):
 *   TG_NEO4J_HOME      store folder (created if missing)
 *   TG_NEO4J_PORT      Bolt port, 0 = pick a free one
 *   TG_NEO4J_PAGECACHE page cache size, e.g. 256m
 *   TG_NEO4J_TX_TIMEOUT transaction timeout in seconds, 0 = none
 *   TG_NEO4J_BOOKMARK_TIMEOUT_MS how long a transaction waits for a bookmark the database has not reached (Neo4j's
 *                      default is 30 s: a forged bookmark would hold a connection that long)
 *   TG_NEO4J_PASSWORD  password for user neo4j (auth is on whenever it is set). It is in force before Bolt accepts
 *                      a connection: a fresh store gets it as its initial password; an existing store is started
 *                      once without Bolt to set it when the store does not carry our marker (see below).
 *   TG_NEO4J_PLUGINS   optional plugin folder (server.directories.plugins). Procedures are loaded only from there,
 *                      while a plugin's extensions (APOC's configuration) come from the classpath, so the caller
 *                      puts the same jars on both (the bench does, for APOC; src/db/embedded.ts `plugins`)
 *   TG_NEO4J_PROCEDURES_UNRESTRICTED optional comma-separated procedure patterns allowed full access
 *                      (dbms.security.procedures.unrestricted), e.g. apoc.*
 * Prints one line "NEO4J_READY bolt://127.0.0.1:PORT" when Bolt accepts connections, or exits with code 3 and one
 * line "NEO4J_STORE_IN_USE <path>" when another process holds the store. Before that, "NEO4J_PHASE <ms> <what>" lines
 * say how long after the JVM's start each step was done (the API logs them: where a slow start went).
 * Stops cleanly on SIGTERM/SIGINT and when standard input closes (the parent process died).
 */
public final class EmbeddedNeo4j {
  /** Exit code when another process holds the store (src/db/embedded.ts turns it into a plain message). */
  private static final int STORE_IN_USE = 3;
  /** Written beside the store once our password scheme owns it: from then on, no start has a default password. */
  private static final String MARKER = "techgraph-auth";

  /** When this JVM was started (the process, not main()), for the NEO4J_PHASE lines. */
  private static final long STARTED = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
      .orElseGet(System::currentTimeMillis);

  private static void phase(String what) {
    System.out.println("NEO4J_PHASE " + (System.currentTimeMillis() - STARTED) + " " + what);
    System.out.flush();
  }

  public static void main(String[] args) throws Exception {
    phase("launcher running");
    Map<String, String> env = System.getenv();
    Path home = Path.of(env.getOrDefault("TG_NEO4J_HOME", ".data/neo4j")).toAbsolutePath();
    int port = Integer.parseInt(env.getOrDefault("TG_NEO4J_PORT", "0"));
    if (port == 0) port = freePort();
    String password = env.get("TG_NEO4J_PASSWORD");
    boolean auth = password != null && !password.isEmpty();

    // Neo4j itself finds a held store only after seconds of start-up, in a stack trace; say it first, plainly.
    Path lockFile = home.resolve("data").resolve("databases").resolve("store_lock");
    if (storeHeldElsewhere(lockFile)) {
      System.out.println("NEO4J_STORE_IN_USE " + home);
      System.out.flush();
      System.exit(STORE_IN_USE);
    }

    if (auth) {
      Path marker = home.resolve(MARKER);
      if (!Files.exists(home.resolve("data").resolve("databases").resolve("system"))) {
        // A fresh store: the system database takes its first user from auth.ini when it is created, so the
        // default neo4j/neo4j account never exists, not even for the seconds before we could change it.
        writeInitialPassword(home, password);
      } else if (!Files.exists(marker)) {
        // A store made before this launcher owned its password (it may still have the default one): set ours
        // with Bolt closed, so nobody can use the old password while we do.
        DatabaseManagementService closed = builder(home, env, -1, true).build();
        try {
          setPassword(closed, password);
        } finally {
          closed.shutdown();
        }
      }
      Files.writeString(marker, "the neo4j user's password is set by neo4j/src/EmbeddedNeo4j.java at every start\n");
    }

    DatabaseManagementService dbms = builder(home, env, port, auth).build();
    phase("databases started");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dbms.shutdown();
      stopped.countDown();
    }, "neo4j-shutdown"));

    if (auth) {
      // A fresh password at every start (the API does not store it); the previous one was random and is gone, so
      // the moment between Bolt opening and this change gives nobody a way in.
      setPassword(dbms, password);
      dropOtherUsers(dbms);
      phase("password set");
    }
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // fail now if the default database did not start

    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();

    // Parent-death watch: Node keeps our stdin open; EOF means it is gone, so we must not linger.
    Thread watcher = new Thread(() -> {
      try (InputStream in = System.in) {
        byte[] buf = new byte[256];
        while (in.read(buf) >= 0) { /* ignore input */ }
      } catch (IOException ignored) { }
      System.exit(0);
    }, "parent-watch");
    watcher.setDaemon(true);
    watcher.start();

    stopped.await();
  }

  /** The DBMS settings; port -1 = Bolt off (the password is being set). */
  private static DatabaseManagementServiceBuilder builder(Path home, Map<String, String> env, int port, boolean auth) {
    String pageCache = env.getOrDefault("TG_NEO4J_PAGECACHE", "256m");
    long txTimeout = Long.parseLong(env.getOrDefault("TG_NEO4J_TX_TIMEOUT", "0"));
    long bookmarkTimeoutMs = Long.parseLong(env.getOrDefault("TG_NEO4J_BOOKMARK_TIMEOUT_MS", "3000"));
    DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, port >= 0)
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
        .setConfig(GraphDatabaseSettings.auth_enabled, auth)
        // Neo4j locks an account out after three wrong passwords by default: any local process could then lock
        // the API out. The password is 144 random bits, so there is nothing to slow down.
        .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
        .setConfig(GraphDatabaseSettings.bookmark_ready_timeout, Duration.ofMillis(bookmarkTimeoutMs));
    if (port >= 0) {
      builder.setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
          .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port));
    }
    String plugins = env.get("TG_NEO4J_PLUGINS");
    if (plugins != null && !plugins.isEmpty()) {
      builder.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(plugins).toAbsolutePath());
    }
    String unrestricted = env.get("TG_NEO4J_PROCEDURES_UNRESTRICTED");
    if (unrestricted != null && !unrestricted.isEmpty()) {
      builder.setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of(unrestricted.split(",")));
    }
    if (txTimeout > 0) builder.setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeout));
    return builder;
  }

  /** neo4j-admin's set-initial-password, in process: the auth.ini the system database reads when it is created. */
  private static void writeInitialPassword(Path home, String password) throws Exception {
    Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
    Path file = CommunitySecurityModule.getInitialUserRepositoryFile(config);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
      FileUserRepository users = new FileUserRepository(fs, file, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
      users.start();
      users.create(new User("neo4j", null,
          SystemGraphCredential.createCredentialForPassword(password.getBytes(StandardCharsets.UTF_8), new SecureHasher()), false, false));
      users.shutdown();
    }
  }

  private static void setPassword(DatabaseManagementService dbms, String password) {
    try {
      // Its own timeout: TG_NEO4J_TX_TIMEOUT is for the API's queries, and a cold start on a busy machine can take
      // longer than that to plan this first statement.
      dbms.database("system").executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password), r -> null, Duration.ofMinutes(2));
    } catch (RuntimeException e) {
      // The password it already has (a fresh store's initial one, or a restart with a given password).
      if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
        e.printStackTrace();
        System.exit(1); // Neo4j's threads would otherwise keep a half-started JVM alive
      }
    }
  }

  /** The store is ours: the API uses only `neo4j`, so any other account was made by someone else. */
  private static void dropOtherUsers(DatabaseManagementService dbms) {
    List<String> others = dbms.database("system").executeTransactionally(
        "SHOW USERS YIELD user WHERE user <> 'neo4j' RETURN user", Map.of(), r -> {
          List<String> names = new ArrayList<>();
          r.forEachRemaining(row -> names.add((String) row.get("user")));
          return names;
        }, Duration.ofMinutes(2));
    for (String name : others) {
      System.err.println("warning: dropping database user '" + name + "', which the API did not create");
      dbms.database("system").executeTransactionally("DROP USER $name", Map.of("name", name), r -> null, Duration.ofMinutes(2));
    }
  }

  /** Whether another process holds Neo4j's store lock (a lock of our own is released at once). */
  private static boolean storeHeldElsewhere(Path lockFile) throws IOException {
    if (!Files.exists(lockFile)) return false;
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) return true;
      lock.release();
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }
}
