package lineage.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One parameterised test per rule of docs/identity.md ("Naming rules"), with that table's examples. */
class NamingTest {
    /** Every namespace of the spec's table, and what its integrations write: each is a fixed point. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "awsathena://athena.us-east-1.amazonaws.com",
                "arn:aws:glue:us-east-1:123456789012",
                "azurecosmos://myaccount.documents.azure.com/dbs/sales",
                "azurekusto://mycluster.westeurope.kusto.windows.net",
                "sqlserver://myworkspace.sql.azuresynapse.net:1433",
                "bigquery",
                "cassandra://cassandra-1:9042",
                "milvus://milvus:19530",
                "fabric-warehouse://abc.datawarehouse.fabric.microsoft.com",
                "mysql://mysql.example.com:3306",
                "crate://crate:5432",
                "db2://db2.example.com:50000",
                "hive://metastore:9083",
                "mssql://sql.example.com:1433",
                "oceanbase://ob:2881",
                "oracle://oracle.example.com:1521",
                "postgres://db.example.com:5432",
                "postgres://10.0.0.7:5432",
                "postgres://[2001:db8::1]:5432",
                "postgres://pg-1:5432,pg-2:5432",
                "teradata://td.example.com:1025",
                "redshift://examplecluster.us-west-2:5439",
                "snowflake://myorg-myaccount",
                "snowflake://xy12345.us-east-2.aws",
                "spanner://my-project:my-instance",
                "trino://trino.example.com:8080",
                "unitycatalog://dbc-1234.cloud.databricks.com",
                "abfss://raw@myaccount.dfs.core.windows.net",
                "dbfs://my-workspace",
                "dbfs",
                "gs://my-bucket",
                "hdfs://namenode:8020",
                "hdfs://nameservice1",
                "kafka://broker-1:9092",
                "file",
                "file:/warehouse",
                "file://fileserver",
                "file://localhost",
                "file:////share",
                "snowflake://xy12345",
                "wasbs://raw@myaccount.blob.core.windows.net",
                "wasbs://raw@myaccount",
                "box://box.example.com:443/12345",
                "s3://my-bucket",
                "s3://Legacy.Bucket",
                "wasbs://raw@myaccount.dfs.core.windows.net",
                "pubsub",
                "inmemory://",
                "default",
                "airflow-prod",
                "",
            })
    void aCanonicalNamespaceComesBackAsItself(String namespace) {
        String input = new String(namespace);

        assertThat(Naming.namespace(input)).isSameAs(input);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " -> ",
            value = {
                "postgresql://db.example.com:5432 -> postgres://db.example.com:5432",
                "POSTGRES://db.example.com:5432 -> postgres://db.example.com:5432",
                "jdbc:postgresql://db.example.com:5432 -> postgres://db.example.com:5432",
                "JDBC:mysql://mysql.example.com:3306 -> mysql://mysql.example.com:3306",
                "jdbc:trino://trino.example.com:8080 -> trino://trino.example.com:8080",
                "s3a://my-bucket -> s3://my-bucket",
                "s3n://my-bucket -> s3://my-bucket",
                "abfs://raw@myaccount.dfs.core.windows.net -> abfss://raw@myaccount.dfs.core.windows.net",
                "wasb://raw@myaccount.dfs.core.windows.net -> wasbs://raw@myaccount.dfs.core.windows.net",
                "Kafka://broker-1:9092 -> kafka://broker-1:9092",
            })
    void schemesAreTheSpecsInLowerCase(String from, String to) {
        assertRewrites(from, to);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " -> ",
            value = {
                "postgres://DB.Example.COM:5432 -> postgres://db.example.com:5432",
                "trino://Trino.Example.com:8080 -> trino://trino.example.com:8080",
                "snowflake://MYORG-MYACCOUNT -> snowflake://myorg-myaccount",
                "kafka://Broker-1:9092,Broker-2:9092 -> kafka://broker-1:9092,broker-2:9092",
                "file://FileServer -> file://fileserver",
                "postgres://[2001:DB8::1]:5432 -> postgres://[2001:db8::1]:5432",
                "mongodb://Mongo:27017 -> mongodb://mongo:27017",
            })
    void hostsAreLowerCase(String from, String to) {
        assertRewrites(from, to);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " -> ",
            value = {
                "postgres://etl:s3cret@db.example.com:5432 -> postgres://db.example.com:5432",
                "postgres://etl@db.example.com:5432 -> postgres://db.example.com:5432",
                "postgres://etl:p@ss@db.example.com:5432 -> postgres://db.example.com:5432",
                "trino://alice@trino.example.com:8080 -> trino://trino.example.com:8080",
                "s3://AKIAEXAMPLE:secret@my-bucket -> s3://my-bucket",
                "hdfs://hadoop@namenode:8020 -> hdfs://namenode:8020",
                "mongodb://app:pw@mongo:27017 -> mongodb://mongo:27017",
            })
    void credentialsAreDropped(String from, String to) {
        assertRewrites(from, to);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " -> ",
            value = {
                "postgres://db.example.com -> postgres://db.example.com:5432",
                "mysql://mysql.example.com -> mysql://mysql.example.com:3306",
                "redshift://examplecluster.us-west-2 -> redshift://examplecluster.us-west-2:5439",
                "sqlserver://sql.example.com -> sqlserver://sql.example.com:1433",
                "mssql://sql.example.com -> mssql://sql.example.com:1433",
                "oracle://oracle.example.com -> oracle://oracle.example.com:1521",
                "teradata://td.example.com -> teradata://td.example.com:1025",
                "cassandra://cassandra-1 -> cassandra://cassandra-1:9042",
                "crate://crate -> crate://crate:5432",
                "oceanbase://ob -> oceanbase://ob:2881",
                "postgres://[::1] -> postgres://[::1]:5432",
                "postgres://pg-1,pg-2:5433 -> postgres://pg-1:5432,pg-2:5433",
                "postgres://db.example.com: -> postgres://db.example.com:5432",
                "postgres://db.example.com:05432 -> postgres://db.example.com:5432",
                "postgres://db.example.com/orders -> postgres://db.example.com:5432/orders",
            })
    void theDefaultPortIsExplicit(String from, String to) {
        assertRewrites(from, to);
    }

    /** No default where the producers disagree on it or where a host alone is a name of its own. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "trino://trino.example.com",
                "db2://db2.example.com",
                "hive://metastore",
                "kafka://broker-1",
                "hdfs://nameservice1",
                "clickhouse://clickhouse",
                "sqlserver://sql.example.com/reporting",
                "mssql://sql.example.com/reporting",
            })
    void aPortThatIsNotCertainIsLeftOut(String namespace) {
        String input = new String(namespace);

        assertThat(Naming.namespace(input)).isSameAs(input);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " -> ",
            value = {
                "redshift://examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com:5439"
                        + " -> redshift://examplecluster.us-west-2:5439",
                "redshift://ExampleCluster.abc123xyz789.us-west-2.Redshift.AmazonAWS.com"
                        + " -> redshift://examplecluster.us-west-2:5439",
                "redshift://analytics.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439"
                        + " -> redshift://analytics.eu-west-1:5439",
                "redshift://10.0.0.9:5439 -> redshift://10.0.0.9:5439",
                "redshift://examplecluster.abc123.cn-north-1.redshift.amazonaws.com.cn:5439"
                        + " -> redshift://examplecluster.abc123.cn-north-1.redshift.amazonaws.com.cn:5439",
            })
    void aRedshiftEndpointIsItsClusterAndRegion(String from, String to) {
        assertRewrites(from, to);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " -> ",
            value = {
                "s3://my-bucket/ -> s3://my-bucket",
                "s3://my-bucket// -> s3://my-bucket",
                "postgres://db.example.com:5432/ -> postgres://db.example.com:5432",
                "postgres://db.example.com:5432/orders/ -> postgres://db.example.com:5432/orders",
                "trino://trino.example.com:8080/ -> trino://trino.example.com:8080",
                "postgres://db.example.com:5432?sslmode=require&password=x -> postgres://db.example.com:5432",
                "postgres://db.example.com:5432/orders?sslmode=require -> postgres://db.example.com:5432/orders",
                "mysql://mysql.example.com:3306/shop#top -> mysql://mysql.example.com:3306/shop",
                "jdbc:mysql://app:pw@mysql.example.com/shop?useSSL=true -> mysql://mysql.example.com:3306/shop",
                "azurecosmos://myaccount.documents.azure.com/dbs/sales/ ->"
                        + " azurecosmos://myaccount.documents.azure.com/dbs/sales",
            })
    void trailingSlashesQueryAndFragmentAreDroppedThePathIsKept(String from, String to) {
        assertRewrites(from, to);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " -> ",
            value = {
                "S3://Legacy.Bucket/ -> s3://Legacy.Bucket",
                "GS://my-bucket -> gs://my-bucket",
                "hdfs://NameNode:8020/ -> hdfs://NameNode:8020",
                "dbfs://My-Workspace -> dbfs://My-Workspace",
                "ABFSS://Raw@MyAccount.dfs.core.windows.net/ -> abfss://Raw@MyAccount.dfs.core.windows.net",
            })
    void bucketsContainersAndNameNodesKeepTheirAuthority(String from, String to) {
        assertRewrites(from, to);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " -> ",
            value = {
                "file:// -> file",
                "file:/// -> file",
                "file:/ -> file",
                "file: -> file",
                "FILE -> FILE",
                "file:///warehouse/ -> file:/warehouse",
                "file:/warehouse/ -> file:/warehouse",
                "File:/warehouse -> file:/warehouse",
                "dbfs:/ -> dbfs",
                "dbfs:// -> dbfs",
                "dbfs:/mnt/raw/ -> dbfs:/mnt/raw",
            })
    void aLocalFileSystemIsFileOrFileAndItsPath(String from, String to) {
        assertRewrites(from, to);
    }

    /** What is no URI of ours stays as written, to be stored all the same. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "not a namespace",
                "sqlserver://sql.example.com:1433;databaseName=sales;user=etl",
                "jdbc:sqlserver://sql.example.com:1433;databaseName=sales",
                "jdbc:oracle:thin:@//oracle.example.com:1521/orcl",
                "jdbc:jdbc:postgresql://db.example.com",
                "mysql:loadbalance://mysql-1,mysql-2/shop",
                "postgres://db.example.com:65536",
                "postgres://db.example.com:54x2",
                "postgres://2001:db8::1:5432",
                "postgres://[2001:db8::1%25eth0]:5432",
                "postgres://[]:5432",
                "postgres://[::1]x",
                "postgres://db%2Eexample.com",
                "postgres://dB.exämple.com",
                "postgres://pg-1,,pg-2",
                "Spanner://My-Project:My-Instance",
                "1abc://host",
                "://host",
                "my_scheme://Host",
            })
    void whatDoesNotParseIsReturnedUnchanged(String namespace) {
        String input = new String(namespace);

        assertThat(Naming.namespace(input)).isSameAs(input);
    }

    @Test
    void schemesTheSpecListsApartStayApart() {
        assertThat(Naming.namespace("mssql://sql.example.com:1433")).isEqualTo("mssql://sql.example.com:1433");
        assertThat(Naming.namespace("sqlserver://sql.example.com:1433")).isEqualTo("sqlserver://sql.example.com:1433");
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " -> ",
            value = {
                "trino://trino.example.com:8080 | Hive.Sales.Orders -> hive.sales.orders",
                "trino://trino.example.com:8080 | hive.sales.orders -> hive.sales.orders",
                "postgres://db.example.com:5432 | Shop.Public.Orders -> Shop.Public.Orders",
                "snowflake://myorg-myaccount | MY_DB.MY_SCHEMA.\"My Table\" -> MY_DB.MY_SCHEMA.\"My Table\"",
                "bigquery | My-Project.sales.Orders -> My-Project.sales.Orders",
                "s3://my-bucket | /data/orders -> data/orders",
                "s3://my-bucket | //data/orders/ -> data/orders/",
                "s3://my-bucket | data/orders -> data/orders",
                "s3://my-bucket | / -> /",
                "s3://my-bucket | // -> /",
                "gs://my-bucket | /Data/Orders.csv -> Data/Orders.csv",
                "abfss://raw@myaccount.dfs.core.windows.net | /landing/orders -> landing/orders",
                "wasbs://raw@myaccount.dfs.core.windows.net | /landing/orders -> landing/orders",
                "hdfs://namenode:8020 | /warehouse/Orders -> /warehouse/Orders",
                "file | /tmp/Orders.csv -> /tmp/Orders.csv",
                "dbfs | /mnt/raw/Orders -> /mnt/raw/Orders",
                "kafka://broker-1:9092 | Orders.Created -> Orders.Created",
                "trino | Hive.Sales.Orders -> Hive.Sales.Orders",
            })
    void namesKeepTheirCaseButTrinosAndObjectKeysHaveNoLeadingSlash(String input, String to) {
        String[] namespaceAndName = input.split(" \\| ", -1);
        String namespace = namespaceAndName[0];
        String name = new String(namespaceAndName[1]);

        String canonical = Naming.name(namespace, name);

        assertThat(canonical).isEqualTo(to);
        assertThat(Naming.name(namespace, canonical)).isSameAs(canonical);
        if (name.equals(to)) {
            assertThat(canonical).isSameAs(name);
        }
    }

    /** Every combination of odd pieces: no exception, and the second rewrite returns the first as itself. */
    @Test
    void everyRewriteIsCanonical() {
        List<String> schemes = List.of(
                "",
                "postgres",
                "POSTGRESQL",
                "jdbc:postgresql",
                "trino",
                "redshift",
                "sqlserver",
                "s3a",
                "ABFS",
                "hdfs",
                "file",
                "dbfs",
                "mongodb",
                "jdbc:",
                "x_y");
        List<String> separators = List.of(":", ":/", "://", ":///");
        List<String> authorities = List.of(
                "",
                "Host",
                "u:p@Host:",
                "u:p@Host:0080",
                "[::1]",
                "[::1]:5432",
                "h1,H2:1",
                "c@Acct.dfs.core.windows.net",
                "a.b.eu-west-1.redshift.amazonaws.com",
                "h:99999",
                "h;x=y",
                "@",
                ":",
                "[");
        List<String> rests = List.of("", "/", "//", "/db/", "?q=1", "/db?q=1#f", "#", "//x/");
        for (String scheme : schemes) {
            for (String separator : separators) {
                for (String authority : authorities) {
                    for (String rest : rests) {
                        String canonical = Naming.namespace(scheme + separator + authority + rest);

                        assertThat(Naming.namespace(canonical))
                                .as("namespace(%s)", canonical)
                                .isSameAs(canonical);
                        String name = Naming.name(canonical, "/Data//");
                        assertThat(Naming.name(canonical, name)).isSameAs(name);
                    }
                }
            }
        }
    }

    @Test
    void nullIsAProgrammingError() {
        assertThatThrownBy(() -> Naming.namespace(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("namespace is null");
        assertThatThrownBy(() -> Naming.name(null, "orders"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("namespace is null");
        assertThatThrownBy(() -> Naming.name("bigquery", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name is null");
    }

    /** The rewrite, then the rewrite of that: a canonical namespace, returned as itself. */
    private static void assertRewrites(String from, String to) {
        String canonical = Naming.namespace(new String(from));

        assertThat(canonical).isEqualTo(to);
        assertThat(Naming.namespace(canonical)).isSameAs(canonical);
    }
}
