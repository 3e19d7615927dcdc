import com.example.visits.testsupport.postgres.PostgresServer;

/**
 * The benchmark's database: the same PostgreSQL 16 the tests start (embedded binaries, no Docker, password
 * authentication on), so pgbench and the app meet the same server. Prints "READY host port" and runs until it is
 * sent SIGTERM, which stops the server and deletes its data directory.
 */
public class BenchPostgres {

    public static void main(String[] args) throws Exception {
        PostgresServer postgres = PostgresServer.launch();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            }
            catch (Exception e) {
                System.err.println("Could not stop " + postgres + ": " + e);
            }
        }));
        System.out.println("READY " + postgres.host() + " " + postgres.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
