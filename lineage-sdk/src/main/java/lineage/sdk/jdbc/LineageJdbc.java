package lineage.sdk.jdbc;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import lineage.sdk.Job;
import lineage.sdk.JobRun;
import lineage.sdk.LineageEmitter;
import lineage.sdk.sql.SqlContext;
import lineage.sdk.sql.SqlDatasets;
import lineage.sql.SqlLineage;
import lineage.sql.SqlLineageParser;

/**
 * Opt-in JDBC integration: a wrapped {@link Connection} or {@link DataSource} reports each executed statement as a run
 * (START, then COMPLETE or FAIL) of the job {@code <jobName>}, a child of {@code parent} when given, with the inputs,
 * outputs and column lineage that sql-parser finds in the statement, unqualified names completed with the JDBC URL's
 * catalog and schema (and later {@code setCatalog}/{@code setSchema} calls). The statement's own result and
 * exceptions are unchanged; lineage never fails it.
 *
 * <p>A statement run is one {@code execute…} call: a prepared statement executed n times is n runs; a batch is one run
 * whose SQL is the batch's statements joined with {@code ;}.
 */
public final class LineageJdbc {
    private static final Set<String> EXECUTIONS = Set.of(
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private static final SqlLineageParser PARSER = new SqlLineageParser();

    private LineageJdbc() {}

    /** Wraps a connection whose statements become runs of {@code jobName}. */
    public static Connection wrap(Connection connection, LineageEmitter emitter, String jobName) {
        return wrap(connection, new Reporter(emitter, jobName, Optional.empty(), context(connection, emitter)));
    }

    /** Wraps a connection whose statements become child runs of {@code parent}, named {@code jobName}. */
    public static Connection wrap(Connection connection, JobRun parent, LineageEmitter emitter, String jobName) {
        return wrap(connection, new Reporter(emitter, jobName, Optional.of(parent), context(connection, emitter)));
    }

    /** Wraps a data source whose connections are wrapped as by {@link #wrap(Connection, LineageEmitter, String)}. */
    public static DataSource wrap(DataSource dataSource, LineageEmitter emitter, String jobName) {
        requireNonNull(dataSource, "dataSource is null");
        return proxy(DataSource.class, (proxy, method, arguments) -> {
            Object result = invoke(dataSource, method, arguments);
            return result instanceof Connection ? wrap((Connection) result, emitter, jobName) : result;
        });
    }

    private static Connection wrap(Connection connection, Reporter reporter) {
        return proxy(Connection.class, new ConnectionHandler(connection, reporter));
    }

    private static SqlContext context(Connection connection, LineageEmitter emitter) {
        try {
            return JdbcUrls.sqlContext(connection.getMetaData().getURL())
                    .orElseGet(() -> SqlContext.of(emitter.namespace()));
        } catch (SQLException | RuntimeException exception) {
            return SqlContext.of(emitter.namespace());
        }
    }

    private static SqlLineage parse(String sql, SqlContext context) {
        try {
            return PARSER.parse(sql, context.parseOptions());
        } catch (RuntimeException exception) {
            // The parser throws only on its own bugs; the statement still runs and is reported without lineage.
            return new SqlLineage(List.of(), List.of(), List.of(), List.of());
        }
    }

    /**
     * {@code <jobName>.<first output table>} for a statement that writes, else {@code <jobName>.query_<hash>} of the
     * SQL text: stable across runs, and one job per written table, since a COMPLETE replaces its job's edges.
     */
    static String jobName(String prefix, String sql, SqlLineage lineage) {
        if (!lineage.outputs().isEmpty()) {
            return prefix + "." + SqlDatasets.name(lineage.outputs().get(0));
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(sql.strip().getBytes(StandardCharsets.UTF_8));
            return prefix + ".query_" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("every JVM has SHA-256", exception);
        }
    }

    /** Starts and ends the runs of one connection's statements; tracks its catalog and schema. */
    private static final class Reporter {
        private final LineageEmitter emitter;
        private final String jobName;
        private final Optional<JobRun> parent;
        private volatile SqlContext context;

        Reporter(LineageEmitter emitter, String jobName, Optional<JobRun> parent, SqlContext context) {
            this.emitter = requireNonNull(emitter, "emitter is null");
            this.jobName = requireNonNull(jobName, "jobName is null");
            this.parent = parent;
            this.context = context;
        }

        private String jobName(String sql, SqlLineage lineage) {
            return LineageJdbc.jobName(jobName, sql, lineage);
        }

        Object execute(Object statement, Method method, Object[] arguments, String sql) throws Throwable {
            SqlContext context = this.context;
            SqlLineage lineage = parse(sql, context);
            Job job = Job.named(jobName(sql, lineage)).ofType("QUERY");
            JobRun run = parent.map(value -> value.startChild(job)).orElseGet(() -> emitter.start(job));
            run.sql(sql, context, lineage);
            try {
                Object result = invoke(statement, method, arguments);
                run.complete();
                return result;
            } catch (Throwable error) {
                run.fail(error);
                throw error;
            }
        }
    }

    private static final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;
        private final Reporter reporter;

        ConnectionHandler(Connection connection, Reporter reporter) {
            this.connection = connection;
            this.reporter = reporter;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            Object result = LineageJdbc.invoke(connection, method, arguments);
            String name = method.getName();
            if (name.equals("setCatalog") && arguments[0] != null) {
                reporter.context = reporter.context.withDefaultCatalog(arguments[0].toString());
            } else if (name.equals("setSchema") && arguments[0] != null) {
                reporter.context = reporter.context.withDefaultSchema(arguments[0].toString());
            } else if (result instanceof CallableStatement) {
                return proxy(
                        CallableStatement.class, new StatementHandler((Statement) result, reporter, sql(arguments)));
            } else if (result instanceof PreparedStatement) {
                return proxy(
                        PreparedStatement.class, new StatementHandler((Statement) result, reporter, sql(arguments)));
            } else if (result instanceof Statement) {
                return proxy(Statement.class, new StatementHandler((Statement) result, reporter, Optional.empty()));
            }
            return result;
        }

        private static Optional<String> sql(Object[] arguments) {
            return arguments != null && arguments.length > 0 && arguments[0] instanceof String
                    ? Optional.of((String) arguments[0])
                    : Optional.empty();
        }
    }

    private static final class StatementHandler implements InvocationHandler {
        private final Statement statement;
        private final Reporter reporter;
        private final Optional<String> preparedSql;
        private final List<String> batch = new ArrayList<>();

        StatementHandler(Statement statement, Reporter reporter, Optional<String> preparedSql) {
            this.statement = statement;
            this.reporter = reporter;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            String name = method.getName();
            if (name.equals("addBatch") && arguments != null && arguments.length == 1) {
                batch.add((String) arguments[0]);
            } else if (name.equals("clearBatch")) {
                batch.clear();
            }
            if (!EXECUTIONS.contains(name)) {
                return LineageJdbc.invoke(statement, method, arguments);
            }
            Optional<String> sql = executedSql(name, arguments);
            if (sql.isEmpty()) {
                return LineageJdbc.invoke(statement, method, arguments);
            }
            return reporter.execute(statement, method, arguments, sql.get());
        }

        private Optional<String> executedSql(String name, Object[] arguments) {
            if (arguments != null && arguments.length > 0 && arguments[0] instanceof String) {
                return Optional.of((String) arguments[0]);
            }
            if (name.startsWith("executeBatch") || name.startsWith("executeLargeBatch")) {
                List<String> statements = new ArrayList<>(batch);
                batch.clear();
                if (statements.isEmpty()) {
                    return preparedSql;
                }
                return Optional.of(String.join(";\n", statements));
            }
            return preparedSql;
        }
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException exception) {
            throw exception.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(LineageJdbc.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
