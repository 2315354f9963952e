import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs a real Neo4j Community DBMS in this JVM with Bolt on loopback only, so the Node API can talk to it
 * exactly as it would to a server. Settings come from environment variables (set by src/db/embedded.ts):
 *   TG_NEO4J_HOME      store folder (created if missing)
 *   TG_NEO4J_PORT      Bolt port, 0 = pick a free one
 *   TG_NEO4J_PAGECACHE page cache size, e.g. 256m
 *   TG_NEO4J_TX_TIMEOUT transaction timeout in seconds, 0 = none
 *   TG_NEO4J_PASSWORD  password for user neo4j (auth is on whenever it is set)
 *   TG_NEO4J_PLUGINS   optional plugin folder (server.directories.plugins). Procedures are loaded only from there,
 *                      while a plugin's extensions (APOC's configuration) come from the classpath, so the caller
 *                      puts the same jars on both (the bench does, for APOC; src/db/embedded.ts `plugins`)
 *   TG_NEO4J_PROCEDURES_UNRESTRICTED optional comma-separated procedure patterns allowed full access
 *                      (dbms.security.procedures.unrestricted), e.g. apoc.*
 * Prints one line "NEO4J_READY bolt://127.0.0.1:PORT" when Bolt accepts connections.
 * Stops cleanly on SIGTERM/SIGINT and when standard input closes (the parent process died).
 */
public final class EmbeddedNeo4j {
  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    Path home = Path.of(env.getOrDefault("TG_NEO4J_HOME", ".data/neo4j")).toAbsolutePath();
    int port = Integer.parseInt(env.getOrDefault("TG_NEO4J_PORT", "0"));
    if (port == 0) port = freePort();
    String pageCache = env.getOrDefault("TG_NEO4J_PAGECACHE", "256m");
    long txTimeout = Long.parseLong(env.getOrDefault("TG_NEO4J_TX_TIMEOUT", "0"));
    String password = env.get("TG_NEO4J_PASSWORD");

    DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
        .setConfig(GraphDatabaseSettings.auth_enabled, password != null && !password.isEmpty());
    String plugins = env.get("TG_NEO4J_PLUGINS");
    if (plugins != null && !plugins.isEmpty()) {
      builder.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(plugins).toAbsolutePath());
    }
    String unrestricted = env.get("TG_NEO4J_PROCEDURES_UNRESTRICTED");
    if (unrestricted != null && !unrestricted.isEmpty()) {
      builder.setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of(unrestricted.split(",")));
    }
    if (txTimeout > 0) builder.setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeout));

    DatabaseManagementService dbms = builder.build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dbms.shutdown();
      stopped.countDown();
    }, "neo4j-shutdown"));

    if (password != null && !password.isEmpty()) {
      // The embedded API has no initial-password option; set it through the system database on every start,
      // so a fresh generated password works even for a store created by an earlier run.
      try {
        // Its own timeout: TG_NEO4J_TX_TIMEOUT is for the API's queries, and a cold start on a busy machine can
        // take longer than that to plan this first statement.
        dbms.database("system").executeTransactionally(
            "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password), r -> null, Duration.ofMinutes(2));
      } catch (RuntimeException e) {
        // A restart with the password it already has (src/db/embedded.ts `password`): nothing to change.
        if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
          e.printStackTrace();
          System.exit(1); // Neo4j's threads would otherwise keep a half-started JVM alive
        }
      }
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }
}
