package lineage.server.store;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Soft deletes, as in Marquez: rows are hidden ({@code is_hidden}), never removed, and the next event naming them shows
 * them again. Their edges stay as they are, so a dataset or job that comes back comes back with its lineage.
 */
@Singleton
public class VisibilityStore {
    private final DataSource dataSource;

    public VisibilityStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Hides the namespace with its datasets and jobs; false when there is no such namespace. */
    @Transactional
    public boolean hideNamespace(String namespace) {
        int hidden = update("UPDATE namespaces SET is_hidden = TRUE WHERE name = ?", namespace);
        update("UPDATE datasets SET is_hidden = TRUE WHERE namespace = ? AND NOT is_hidden", namespace);
        update("UPDATE jobs SET is_hidden = TRUE WHERE namespace = ? AND NOT is_hidden", namespace);
        return hidden > 0;
    }

    /** Hides a visible dataset; false when there is none. */
    @Transactional
    public boolean hideDataset(String namespace, String name) {
        return update(
                        "UPDATE datasets SET is_hidden = TRUE WHERE namespace = ? AND name = ? AND NOT is_hidden",
                        namespace,
                        name)
                > 0;
    }

    /** Hides a visible job; false when there is none. */
    @Transactional
    public boolean hideJob(String namespace, String name) {
        return update(
                        "UPDATE jobs SET is_hidden = TRUE WHERE namespace = ? AND name = ? AND NOT is_hidden",
                        namespace,
                        name)
                > 0;
    }

    private int update(String sql, String... values) {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            for (int index = 0; index < values.length; index++) {
                statement.setString(index + 1, values[index]);
            }
            return statement.executeUpdate();
        } catch (SQLException exception) {
            throw new StoreException("hiding failed", exception);
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException exception) {
            throw new StoreException("no database connection", exception);
        }
    }
}
