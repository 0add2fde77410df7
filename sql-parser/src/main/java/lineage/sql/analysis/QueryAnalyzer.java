package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.sql.TableRef;
import lineage.sql.Transformation.Subtype;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.LateralView;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Analyses a query into its {@link QueryShape}, recording every table it reads as an input. CTEs are analysed where
 * they are defined and visible only after their definition; derived tables, UNNEST, VALUES and pass-through queries
 * become {@link Relation.Derived} relations.
 */
final class QueryAnalyzer {
    private final Analysis analysis;
    private final TableFunctions tableFunctions;

    QueryAnalyzer(Analysis analysis) {
        this.analysis = analysis;
        this.tableFunctions = new TableFunctions(this);
    }

    Analysis analysis() {
        return analysis;
    }

    /** Analyses a query whose correlated references resolve in {@code outer}. */
    QueryShape analyze(Select select, Scope outer, Ctes ctes) {
        analysis.checkDeadline();
        Ctes visible = withItems(select.getWithItemsList(), outer, ctes);
        QueryShape shape = body(select, outer, visible);
        if (!(select instanceof PlainSelect) && select.getOrderByElements() != null) {
            Sources order = Sources.empty();
            for (OrderByElement element : select.getOrderByElements()) {
                Expression expression = element.getExpression();
                Optional<Sources> sources = outputReference(expression, shape);
                if (sources.isEmpty() && expression instanceof Column column) {
                    sources = outputAlias(Names.parts(column), shape);
                }
                order.addAllAsIndirect(sources.orElseGet(Sources::empty), Subtype.SORT);
            }
            shape.indirect().addIndirect(order);
        }
        return shape;
    }

    /** Defines the CTEs of a WITH clause in order; each sees only the ones before it (and itself when recursive). */
    Ctes withItems(List<WithItem<?>> items, Scope outer, Ctes ctes) {
        Ctes visible = ctes;
        if (items == null) {
            return visible;
        }
        for (WithItem<?> item : items) {
            String name = Names.normalize(item.getAliasName());
            List<String> columnNames = withItemColumns(item);
            Ctes bodyCtes = visible;
            if (item.isRecursive()) {
                List<QueryShape.OutputColumn> placeholder = new ArrayList<>();
                for (String column : columnNames) {
                    placeholder.add(new QueryShape.OutputColumn(column, Sources.empty()));
                }
                bodyCtes = visible.with(name, new QueryShape(placeholder, Sources.empty(), List.of()));
            }
            if (item.getSelect() == null) {
                continue;
            }
            QueryShape shape = analyze(item.getSelect(), outer, bodyCtes).renamed(columnNames);
            visible = visible.with(name, shape);
        }
        return visible;
    }

    private static List<String> withItemColumns(WithItem<?> item) {
        List<String> names = new ArrayList<>();
        if (item.getWithItemList() != null) {
            for (SelectItem<?> column : item.getWithItemList()) {
                names.add(Names.normalize(column.toString()));
            }
        }
        return names;
    }

    private QueryShape body(Select select, Scope outer, Ctes ctes) {
        if (select instanceof PlainSelect plain) {
            return plain(plain, outer, ctes);
        }
        if (select instanceof SetOperationList setOperations) {
            return setOperations(setOperations, outer, ctes);
        }
        if (select instanceof ParenthesedSelect parenthesed) {
            return analyze(parenthesed.getSelect(), outer, ctes);
        }
        if (select instanceof Values values) {
            return values(values, outer, ctes);
        }
        if (select instanceof TableStatement table) {
            return tableStatement(table, outer, ctes);
        }
        return emptyShape();
    }

    static QueryShape emptyShape() {
        return new QueryShape(List.of(), Sources.empty(), List.of());
    }

    private QueryShape setOperations(SetOperationList list, Scope outer, Ctes ctes) {
        List<QueryShape> branches = new ArrayList<>();
        for (Select branch : list.getSelects()) {
            branches.add(analyze(branch, outer, ctes));
        }
        QueryShape first = branches.get(0);
        Sources indirect = Sources.empty();
        List<Relation> opaque = new ArrayList<>();
        List<QueryShape.OutputColumn> columns = new ArrayList<>();
        for (int index = 0; index < first.columns().size(); index++) {
            Sources sources = Sources.empty();
            for (QueryShape branch : branches) {
                if (index < branch.columns().size()) {
                    sources.addDirect(branch.columns().get(index).sources(), Subtype.IDENTITY);
                }
            }
            columns.add(new QueryShape.OutputColumn(first.columns().get(index).name(), sources));
        }
        for (QueryShape branch : branches) {
            indirect.addIndirect(branch.indirect());
            opaque.addAll(branch.opaqueStars());
        }
        return new QueryShape(columns, indirect, opaque);
    }

    private QueryShape values(Values values, Scope outer, Ctes ctes) {
        List<QueryShape.OutputColumn> columns = new ArrayList<>();
        List<? extends Expression> items = values.getExpressions();
        boolean rows = items.stream()
                .allMatch(item -> item instanceof net.sf.jsqlparser.expression.operators.relational.ExpressionList<?>);
        List<List<Expression>> table = new ArrayList<>();
        if (rows) {
            for (Expression item : items) {
                table.add(new ArrayList<>((net.sf.jsqlparser.expression.operators.relational.ExpressionList<?>) item));
            }
        } else {
            table.add(new ArrayList<>(items));
        }
        for (List<Expression> cells : table) {
            for (int index = 0; index < cells.size(); index++) {
                Sources sources = ExpressionAnalyzer.analyze(this, cells.get(index), outer, ctes);
                if (index < columns.size()) {
                    columns.get(index).sources().addDirect(sources, Subtype.IDENTITY);
                } else {
                    columns.add(new QueryShape.OutputColumn("_col" + index, sources));
                }
            }
        }
        return new QueryShape(columns, Sources.empty(), List.of());
    }

    private QueryShape tableStatement(TableStatement statement, Scope outer, Ctes ctes) {
        Scope scope = outer.child();
        Relation relation = relation(statement.getTable(), scope, ctes);
        scope.add(relation);
        return star(List.of(relation), new ArrayList<>(), new ArrayList<>(), Sources.empty());
    }

    private QueryShape plain(PlainSelect select, Scope outer, Ctes ctes) {
        Scope scope = outer.child();
        Sources indirect = Sources.empty();
        if (select.getFromItem() != null) {
            from(select.getFromItem(), scope, ctes, indirect);
        }
        if (select.getJoins() != null) {
            for (Join join : select.getJoins()) {
                join(join, scope, ctes, indirect);
            }
        }
        if (select.getLateralViews() != null) {
            for (LateralView view : select.getLateralViews()) {
                scope.add(tableFunctions.lateralView(view, scope, ctes));
            }
        }
        Map<String, WindowDefinition> windows = new HashMap<>();
        if (select.getWindowDefinitions() != null) {
            for (WindowDefinition window : select.getWindowDefinitions()) {
                windows.put(Names.normalize(window.getWindowName()), window);
            }
        }
        List<QueryShape.OutputColumn> columns = new ArrayList<>();
        List<Relation> opaque = new ArrayList<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            selectItem(item, scope, ctes, windows, columns, opaque, indirect);
        }
        QueryShape shape = new QueryShape(columns, indirect, opaque);
        filter(select.getWhere(), scope, ctes, indirect, Subtype.FILTER);
        groupBy(select.getGroupBy(), scope, ctes, shape, indirect);
        filter(select.getHaving(), scope, ctes, indirect, Subtype.FILTER);
        filter(select.getQualify(), scope, ctes, indirect, Subtype.FILTER);
        if (select.getOrderByElements() != null) {
            for (OrderByElement element : select.getOrderByElements()) {
                Sources order = outputReference(element.getExpression(), shape)
                        .orElseGet(() -> ExpressionAnalyzer.analyze(
                                this,
                                element.getExpression(),
                                scope,
                                ctes,
                                windows,
                                names -> outputAlias(names, shape)));
                indirect.addAllAsIndirect(order, Subtype.SORT);
            }
        }
        return shape;
    }

    private void selectItem(
            SelectItem<?> item,
            Scope scope,
            Ctes ctes,
            Map<String, WindowDefinition> windows,
            List<QueryShape.OutputColumn> columns,
            List<Relation> opaque,
            Sources indirect) {
        Expression expression = item.getExpression();
        if (expression instanceof AllColumns) {
            star(scope.relations(), columns, opaque, indirect);
            return;
        }
        if (expression instanceof AllTableColumns tableColumns) {
            List<String> qualifier = Names.parts(tableColumns.getTable());
            Optional<Relation> relation = scope.relation(qualifier);
            if (relation.isPresent()) {
                star(List.of(relation.get()), columns, opaque, indirect);
            } else {
                analysis.warnColumns(
                        lineage.sql.Diagnostic.Code.UNRESOLVED_COLUMN,
                        "no relation " + String.join(".", qualifier) + " for " + tableColumns);
            }
            return;
        }
        Sources sources = ExpressionAnalyzer.analyze(this, expression, scope, ctes, windows, names -> Optional.empty());
        indirect.addIndirect(sources);
        columns.add(new QueryShape.OutputColumn(outputName(item, columns.size()), sources));
    }

    private static String outputName(SelectItem<?> item, int index) {
        Alias alias = item.getAlias();
        if (alias != null && alias.getName() != null) {
            return Names.normalize(alias.getName());
        }
        if (item.getExpression() instanceof Column column) {
            return Names.normalize(column.getColumnName());
        }
        return "_col" + index;
    }

    /** Expands {@code *} over relations; relations whose columns are unknown pass through as opaque. */
    private QueryShape star(
            List<Relation> relations, List<QueryShape.OutputColumn> columns, List<Relation> opaque, Sources indirect) {
        for (Relation relation : relations) {
            if (relation instanceof Relation.Table table && table.columns().isPresent()) {
                for (String column : table.columns().get()) {
                    columns.add(new QueryShape.OutputColumn(
                            column, table.column(column).orElseThrow()));
                }
            } else if (relation instanceof Relation.Derived derived) {
                columns.addAll(derived.shape().columns());
                opaque.addAll(derived.shape().opaqueStars());
            } else {
                opaque.add(relation);
                analysis.warnColumns(
                        lineage.sql.Diagnostic.Code.UNRESOLVED_COLUMN,
                        "SELECT * over " + relation.describe() + " cannot be expanded: its schema is unknown");
            }
        }
        return new QueryShape(columns, indirect, opaque);
    }

    private void filter(Expression expression, Scope scope, Ctes ctes, Sources indirect, Subtype reason) {
        if (expression != null) {
            indirect.addAllAsIndirect(ExpressionAnalyzer.analyze(this, expression, scope, ctes), reason);
        }
    }

    private void groupBy(GroupByElement groupBy, Scope scope, Ctes ctes, QueryShape shape, Sources indirect) {
        if (groupBy == null) {
            return;
        }
        List<Expression> keys = new ArrayList<>();
        if (groupBy.getGroupByExpressionList() != null) {
            keys.addAll(groupBy.getGroupByExpressionList());
        }
        if (groupBy.getGroupingSets() != null) {
            for (List<Expression> set : groupBy.getGroupingSets()) {
                keys.addAll(set);
            }
        }
        for (Expression key : keys) {
            Sources sources =
                    outputReference(key, shape).orElseGet(() -> ExpressionAnalyzer.analyze(this, key, scope, ctes));
            indirect.addAllAsIndirect(sources, Subtype.GROUP_BY);
        }
    }

    /** {@code ORDER BY 2} or {@code GROUP BY 1}: a select-list position. */
    private static Optional<Sources> outputReference(Expression expression, QueryShape shape) {
        if (expression instanceof LongValue position) {
            long index = position.getValue() - 1;
            if (index >= 0 && index < shape.columns().size()) {
                return Optional.of(shape.columns().get((int) index).sources());
            }
            return Optional.of(Sources.empty());
        }
        return Optional.empty();
    }

    private static Optional<Sources> outputAlias(List<String> names, QueryShape shape) {
        return names.size() == 1 ? shape.column(names.get(0)).map(QueryShape.OutputColumn::sources) : Optional.empty();
    }

    private void join(Join join, Scope scope, Ctes ctes, Sources indirect) {
        from(join.getRightItem(), scope, ctes, indirect);
        if (join.getOnExpressions() != null) {
            for (Expression on : join.getOnExpressions()) {
                filter(on, scope, ctes, indirect, Subtype.JOIN);
            }
        }
        if (join.getUsingColumns() != null) {
            for (Column column : join.getUsingColumns()) {
                String name = Names.normalize(column.getColumnName());
                for (Relation relation : scope.relations()) {
                    if (relation.has(name) != Relation.Presence.NO) {
                        relation.column(name).ifPresent(sources -> indirect.addAllAsIndirect(sources, Subtype.JOIN));
                    }
                }
            }
        }
    }

    /** Adds the relations of a FROM item to the scope. */
    void from(FromItem item, Scope scope, Ctes ctes, Sources indirect) {
        if (item instanceof net.sf.jsqlparser.schema.Table table) {
            Relation relation = relation(table, scope, ctes);
            scope.add(relation);
            if (relation instanceof Relation.Derived cte) {
                indirect.addIndirect(cte.shape().indirect());
            }
        } else if (item instanceof LateralSubSelect lateral) {
            derived(lateral, analyze(lateral.getSelect(), scope, ctes), scope, indirect);
        } else if (item instanceof ParenthesedSelect select) {
            derived(select, analyze(select.getSelect(), scope.parent().orElse(scope), ctes), scope, indirect);
        } else if (item instanceof ParenthesedFromItem parenthesed) {
            from(parenthesed.getFromItem(), scope, ctes, indirect);
            if (parenthesed.getJoins() != null) {
                for (Join join : parenthesed.getJoins()) {
                    join(join, scope, ctes, indirect);
                }
            }
        } else if (item instanceof TableFunction function) {
            scope.add(tableFunctions.relation(function, scope, ctes, indirect));
        } else if (item instanceof Values values) {
            derived(values, values(values, scope, ctes), scope, indirect);
        } else {
            analysis.warnColumns(
                    lineage.sql.Diagnostic.Code.PARTIAL,
                    "FROM item not analysed: " + item.getClass().getSimpleName());
        }
    }

    private void derived(FromItem item, QueryShape shape, Scope scope, Sources indirect) {
        Alias alias = item.getAlias();
        String name = alias == null || alias.getName() == null ? "" : Names.normalize(alias.getName());
        scope.add(new Relation.Derived(name, shape.renamed(aliasColumns(alias))));
        indirect.addIndirect(shape.indirect());
    }

    static List<String> aliasColumns(Alias alias) {
        List<String> names = new ArrayList<>();
        if (alias != null && alias.getAliasColumns() != null) {
            for (Alias.AliasColumn column : alias.getAliasColumns()) {
                names.add(Names.normalize(column.name));
            }
        }
        return names;
    }

    /** A table by name: a CTE when one is visible under that one-part name, else a table read by the query. */
    Relation relation(net.sf.jsqlparser.schema.Table table, Scope scope, Ctes ctes) {
        List<String> parts = Names.parts(table);
        Optional<String> alias =
                Optional.ofNullable(table.getAlias()).map(Alias::getName).map(Names::normalize);
        if (parts.size() == 1) {
            Optional<QueryShape> cte = ctes.find(parts.get(0));
            if (cte.isPresent()) {
                QueryShape shape = cte.get().renamed(aliasColumns(table.getAlias()));
                return new Relation.Derived(alias.orElse(parts.get(0)), shape);
            }
        }
        TableRef ref = analysis.table(parts);
        analysis.collector().input(ref);
        Relation.Table relation = new Relation.Table(ref, alias, analysis.columnsOf(ref));
        return analysis.matchRecognize(alias.orElse(ref.name()))
                .<Relation>map(clause -> matched(relation, alias.orElse(ref.name()), clause))
                .orElse(relation);
    }

    /** The rows of a MATCH_RECOGNIZE: partition columns as they are, measures from the input columns they read. */
    private static Relation matched(Relation.Table input, String name, MatchRecognize clause) {
        List<QueryShape.OutputColumn> columns = new ArrayList<>();
        for (String column : clause.partitionColumns()) {
            columns.add(new QueryShape.OutputColumn(column, input.column(column).orElseThrow()));
        }
        for (MatchRecognize.Measure measure : clause.measures()) {
            Sources sources = Sources.empty();
            for (String column : measure.columns()) {
                sources.addDirect(input.column(column).orElseThrow(), Subtype.TRANSFORMATION);
            }
            columns.add(new QueryShape.OutputColumn(measure.name(), sources));
        }
        List<Relation> passThrough = clause.allRows() ? List.of(input) : List.of();
        return new Relation.Derived(name, new QueryShape(columns, Sources.empty(), passThrough));
    }
}
