package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lineage.sql.ColumnRef;
import lineage.sql.Diagnostic;
import lineage.sql.TableRef;
import lineage.sql.Transformation.Subtype;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * The lineage of one parsed statement: its inputs and outputs, and, for statements that write a table, the column
 * edges from the query's output columns to the target's columns.
 */
final class StatementAnalyzer {
    private final Analysis analysis;
    private final QueryAnalyzer queries;

    StatementAnalyzer(Analysis analysis) {
        this.analysis = analysis;
        this.queries = new QueryAnalyzer(analysis);
    }

    /** Returns false when the statement is of a kind this analyzer does not know. */
    boolean analyze(Statement statement, Route.Parse route) {
        if (route.target().isPresent()) {
            if (!(statement instanceof Select select)) {
                return false;
            }
            createAs(route.target().get(), route.targetColumns(), select);
            return true;
        }
        if (statement instanceof Select select) {
            queries.analyze(select, Scope.root(), Ctes.none());
        } else if (statement instanceof Insert insert) {
            insert(insert);
        } else if (statement instanceof Update update) {
            update(update);
        } else if (statement instanceof Delete delete) {
            delete(delete);
        } else if (statement instanceof Merge merge) {
            merge(merge);
        } else {
            return false;
        }
        return true;
    }

    private void createAs(Route.TokenName name, List<String> columns, Select select) {
        analysis.wantColumnLineage();
        TableRef target = analysis.table(name.parts());
        analysis.collector().output(target);
        QueryShape shape = queries.analyze(select, Scope.root(), Ctes.none());
        if (columns.isEmpty()) {
            writeByName(target, shape);
        } else {
            writeByPosition(target, columns, shape, Sources.empty());
        }
    }

    private void insert(Insert insert) {
        analysis.wantColumnLineage();
        TableRef target = analysis.table(Names.parts(insert.getTable()));
        analysis.collector().output(target);
        if (insert.getReturningClause() != null) {
            analysis.collector().input(target);
        }
        Ctes ctes = queries.withItems(insert.getWithItemsList(), Scope.root(), Ctes.none());
        Optional<List<String>> columns = insertColumns(insert.getColumns(), target);
        if (insert.getSelect() == null) {
            return;
        }
        QueryShape shape = queries.analyze(insert.getSelect(), Scope.root(), ctes);
        if (columns.isEmpty()) {
            analysis.warn(
                    Diagnostic.Code.INSERT_COLUMNS_UNKNOWN,
                    "INSERT into " + target + " without a column list: its columns are unknown");
            return;
        }
        writeByPosition(target, columns.get(), shape, Sources.empty());
        if (insert.getConflictAction() != null && insert.getConflictAction().getUpdateSets() != null) {
            Scope scope = Scope.root().child();
            scope.add(new Relation.Table(target, Optional.empty(), analysis.columnsOf(target)));
            scope.add(new Relation.Derived("excluded", shape.renamed(columns.get())));
            updateSets(target, insert.getConflictAction().getUpdateSets(), scope, ctes, Sources.empty());
        }
    }

    private Optional<List<String>> insertColumns(ExpressionList<Column> columns, TableRef target) {
        if (columns != null && !columns.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Column column : columns) {
                names.add(Names.normalize(column.getColumnName()));
            }
            return Optional.of(names);
        }
        return analysis.columnsOf(target);
    }

    private void update(Update update) {
        analysis.wantColumnLineage();
        Ctes ctes = queries.withItems(update.getWithItemsList(), Scope.root(), Ctes.none());
        Scope scope = Scope.root().child();
        TableRef target = target(update.getTable(), scope);
        Sources indirect = Sources.empty();
        if (update.getFromItem() != null) {
            queries.from(update.getFromItem(), scope, ctes, indirect);
        }
        joins(update.getStartJoins(), scope, ctes, indirect);
        joins(update.getJoins(), scope, ctes, indirect);
        if (update.getWhere() != null) {
            indirect.addAllAsIndirect(
                    ExpressionAnalyzer.analyze(queries, update.getWhere(), scope, ctes), Subtype.FILTER);
        }
        updateSets(target, update.getUpdateSets(), scope, ctes, indirect);
        if (update.getReturningClause() != null) {
            analysis.collector().input(target);
        }
    }

    private void delete(Delete delete) {
        Ctes ctes = queries.withItems(delete.getWithItemsList(), Scope.root(), Ctes.none());
        Scope scope = Scope.root().child();
        target(delete.getTable(), scope);
        Sources ignored = Sources.empty();
        if (delete.getUsingFromItemList() != null) {
            for (FromItem item : delete.getUsingFromItemList()) {
                queries.from(item, scope, ctes, ignored);
            }
        }
        joins(delete.getJoins(), scope, ctes, ignored);
        if (delete.getWhere() != null) {
            ExpressionAnalyzer.analyze(queries, delete.getWhere(), scope, ctes);
        }
        if (delete.getReturningClause() != null) {
            analysis.collector().input(analysis.table(Names.parts(delete.getTable())));
        }
    }

    private void merge(Merge merge) {
        analysis.wantColumnLineage();
        Ctes ctes = queries.withItems(merge.getWithItemsList(), Scope.root(), Ctes.none());
        Scope scope = Scope.root().child();
        TableRef target = target(merge.getTable(), scope);
        Sources indirect = Sources.empty();
        FromItem source = merge.getFromItem() != null ? merge.getFromItem() : merge.getUsingTable();
        if (source != null) {
            if (merge.getUsingTable() != null && merge.getUsingAlias() != null && merge.getFromItem() == null) {
                merge.getUsingTable().setAlias(merge.getUsingAlias());
            }
            queries.from(source, scope, ctes, indirect);
        }
        if (merge.getOnCondition() != null) {
            indirect.addAllAsIndirect(
                    ExpressionAnalyzer.analyze(queries, merge.getOnCondition(), scope, ctes), Subtype.JOIN);
        }
        List<MergeOperation> operations = merge.getOperations() == null ? List.of() : merge.getOperations();
        for (MergeOperation operation : operations) {
            Expression condition = null;
            if (operation instanceof MergeUpdate update) {
                condition = update.getAndPredicate();
            } else if (operation instanceof MergeInsert insert) {
                condition = insert.getAndPredicate();
            } else if (operation instanceof MergeDelete delete) {
                condition = delete.getAndPredicate();
            }
            if (condition != null) {
                indirect.addAllAsIndirect(ExpressionAnalyzer.analyze(queries, condition, scope, ctes), Subtype.FILTER);
            }
        }
        for (MergeOperation operation : operations) {
            if (operation instanceof MergeUpdate update) {
                updateSets(target, update.getUpdateSets(), scope, ctes, indirect);
            } else if (operation instanceof MergeInsert insert) {
                mergeInsert(target, insert, scope, ctes, indirect);
            }
        }
    }

    private void mergeInsert(TableRef target, MergeInsert insert, Scope scope, Ctes ctes, Sources indirect) {
        Optional<List<String>> columns = insertColumns(insert.getColumns(), target);
        ExpressionList<Expression> values = insert.getValues();
        if (values == null) {
            return;
        }
        if (columns.isEmpty()) {
            for (Expression value : values) {
                ExpressionAnalyzer.analyze(queries, value, scope, ctes);
            }
            analysis.warn(
                    Diagnostic.Code.INSERT_COLUMNS_UNKNOWN,
                    "MERGE INSERT into " + target + " without a column list: its columns are unknown");
            return;
        }
        for (int index = 0; index < values.size() && index < columns.get().size(); index++) {
            Sources sources = ExpressionAnalyzer.analyze(queries, values.get(index), scope, ctes);
            write(ColumnRef.of(target, columns.get().get(index)), sources, indirect);
        }
    }

    private void updateSets(TableRef target, List<UpdateSet> sets, Scope scope, Ctes ctes, Sources indirect) {
        if (sets == null) {
            return;
        }
        for (UpdateSet set : sets) {
            ExpressionList<?> values = set.getValues();
            List<Column> columns = set.getColumns();
            if (columns.size() > 1 && values.size() == 1 && values.get(0) instanceof ParenthesedSelect select) {
                QueryShape shape = queries.analyze(select, scope, ctes);
                Sources rows = Sources.empty();
                rows.addIndirect(indirect);
                rows.addIndirect(shape.indirect());
                for (int index = 0;
                        index < columns.size() && index < shape.columns().size();
                        index++) {
                    write(
                            ColumnRef.of(
                                    target, Names.normalize(columns.get(index).getColumnName())),
                            shape.columns().get(index).sources(),
                            rows);
                }
                continue;
            }
            for (int index = 0; index < columns.size() && index < values.size(); index++) {
                Sources sources = ExpressionAnalyzer.analyze(queries, values.get(index), scope, ctes);
                write(ColumnRef.of(target, Names.normalize(columns.get(index).getColumnName())), sources, indirect);
            }
        }
    }

    /** The written table joins the scope under its name or alias, but is not an input for being written. */
    private TableRef target(Table table, Scope scope) {
        TableRef target = analysis.table(Names.parts(table));
        analysis.collector().output(target);
        Optional<String> alias =
                Optional.ofNullable(table.getAlias()).map(Alias::getName).map(Names::normalize);
        scope.add(new Relation.Table(target, alias, analysis.columnsOf(target)));
        return target;
    }

    private void joins(List<Join> joins, Scope scope, Ctes ctes, Sources indirect) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            queries.from(join.getRightItem(), scope, ctes, indirect);
            if (join.getOnExpressions() != null) {
                for (Expression on : join.getOnExpressions()) {
                    indirect.addAllAsIndirect(ExpressionAnalyzer.analyze(queries, on, scope, ctes), Subtype.JOIN);
                }
            }
        }
    }

    private void writeByName(TableRef target, QueryShape shape) {
        if (!shape.isComplete()) {
            analysis.warn(
                    Diagnostic.Code.UNRESOLVED_COLUMN,
                    "columns of " + target + " that come through an unexpanded * are left out");
        }
        for (QueryShape.OutputColumn column : shape.columns()) {
            write(ColumnRef.of(target, column.name()), column.sources(), shape.indirect());
        }
    }

    private void writeByPosition(TableRef target, List<String> columns, QueryShape shape, Sources indirect) {
        if (!shape.isComplete()) {
            analysis.warn(
                    Diagnostic.Code.UNRESOLVED_COLUMN,
                    "the query writing " + target + " has an unexpanded *: its columns cannot be matched by position");
            return;
        }
        Sources rows = Sources.empty();
        rows.addIndirect(shape.indirect());
        rows.addIndirect(indirect);
        for (int index = 0; index < columns.size() && index < shape.columns().size(); index++) {
            write(
                    ColumnRef.of(target, columns.get(index)),
                    shape.columns().get(index).sources(),
                    rows);
        }
    }

    private void write(ColumnRef output, Sources sources, Sources indirect) {
        LineageCollector collector = analysis.collector();
        for (Map.Entry<ColumnRef, Subtype> direct : sources.direct().entrySet()) {
            collector.edge(output, direct.getKey(), direct.getValue());
        }
        for (Map.Entry<ColumnRef, Set<Subtype>> entry : sources.indirect().entrySet()) {
            entry.getValue().forEach(subtype -> collector.edge(output, entry.getKey(), subtype));
        }
        for (Map.Entry<ColumnRef, Set<Subtype>> entry : indirect.indirect().entrySet()) {
            entry.getValue().forEach(subtype -> collector.edge(output, entry.getKey(), subtype));
        }
    }
}
