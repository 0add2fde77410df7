package lineage.sql.analysis;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import lineage.sql.Diagnostic;
import lineage.sql.Transformation.Subtype;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Collects the base-table columns an expression reads, resolving each column reference in its scope. Columns inside
 * aggregate functions are AGGREGATION sources; a bare column is IDENTITY; anything else is TRANSFORMATION. Subqueries
 * are analysed as queries of their own, correlated with this scope.
 */
final class ExpressionAnalyzer extends ExpressionVisitorAdapter<Void> {
    private static final Set<String> AGGREGATES = Set.of(
            "count",
            "sum",
            "avg",
            "min",
            "max",
            "array_agg",
            "string_agg",
            "listagg",
            "approx_distinct",
            "approx_percentile",
            "approx_most_frequent",
            "count_if",
            "bool_and",
            "bool_or",
            "every",
            "arbitrary",
            "any_value",
            "max_by",
            "min_by",
            "map_agg",
            "map_union",
            "multimap_agg",
            "histogram",
            "stddev",
            "stddev_pop",
            "stddev_samp",
            "variance",
            "var_pop",
            "var_samp",
            "corr",
            "covar_pop",
            "covar_samp",
            "checksum",
            "geometric_mean",
            "approx_set",
            "merge",
            "reduce_agg",
            "bitwise_and_agg",
            "bitwise_or_agg",
            "bitwise_xor_agg",
            "group_concat",
            "collect_list",
            "collect_set",
            "median",
            "mode",
            "percentile_cont",
            "percentile_disc",
            "kurtosis",
            "skewness",
            "regr_slope",
            "regr_intercept",
            "entropy",
            "numeric_histogram",
            "set_agg",
            "set_union",
            "json_agg",
            "jsonb_agg",
            "json_object_agg",
            "xmlagg",
            "tdigest_agg",
            "qdigest_agg",
            "sum_distinct");
    private static final Set<String> NILADIC = Set.of(
            "current_date",
            "current_time",
            "current_timestamp",
            "localtime",
            "localtimestamp",
            "current_user",
            "current_catalog",
            "current_schema",
            "current_role",
            "current_path",
            "session_user",
            "user",
            "true",
            "false",
            "null",
            "sysdate",
            "systimestamp");

    private final QueryAnalyzer queries;
    private final Scope scope;
    private final Ctes ctes;
    private final Map<String, WindowDefinition> windows;
    private final Function<List<String>, Optional<Sources>> outputNames;
    private final Sources sources = Sources.empty();
    private final Deque<Set<String>> lambdaParameters = new ArrayDeque<>();
    private int aggregateDepth;
    private Subtype topLevel = Subtype.TRANSFORMATION;

    private ExpressionAnalyzer(
            QueryAnalyzer queries,
            Scope scope,
            Ctes ctes,
            Map<String, WindowDefinition> windows,
            Function<List<String>, Optional<Sources>> outputNames) {
        this.queries = queries;
        this.scope = scope;
        this.ctes = ctes;
        this.windows = windows;
        this.outputNames = outputNames;
    }

    /** The sources of an expression in a scope. */
    static Sources analyze(QueryAnalyzer queries, Expression expression, Scope scope, Ctes ctes) {
        return analyze(queries, expression, scope, ctes, Map.of(), names -> Optional.empty());
    }

    /**
     * The sources of an expression of a SELECT list or ORDER BY: named windows resolve, and {@code outputNames} may
     * answer a one-part name first (ORDER BY sees the select list's aliases).
     */
    static Sources analyze(
            QueryAnalyzer queries,
            Expression expression,
            Scope scope,
            Ctes ctes,
            Map<String, WindowDefinition> windows,
            Function<List<String>, Optional<Sources>> outputNames) {
        ExpressionAnalyzer analyzer = new ExpressionAnalyzer(queries, scope, ctes, windows, outputNames);
        analyzer.topLevel = unwrap(expression) instanceof Column ? Subtype.IDENTITY : Subtype.TRANSFORMATION;
        expression.accept(analyzer, null);
        return analyzer.sources;
    }

    private static Expression unwrap(Expression expression) {
        Expression current = expression;
        while (current instanceof Parenthesis parenthesis) {
            current = parenthesis.getExpression();
        }
        return current;
    }

    private Subtype current() {
        return aggregateDepth > 0 ? Subtype.AGGREGATION : topLevel;
    }

    @Override
    public <S> Void visit(Column column, S context) {
        List<String> parts = Names.parts(column);
        if (isLambdaParameter(parts.get(0))) {
            return null;
        }
        if (parts.size() == 1) {
            String name = parts.get(0);
            Optional<Sources> output = outputNames.apply(parts);
            if (output.isPresent()) {
                sources.addDirect(output.get(), current());
                return null;
            }
            if (NILADIC.contains(name) && isNoKnownColumn(name)) {
                return null;
            }
        }
        Scope.Resolution resolution = scope.resolve(parts);
        if (resolution instanceof Scope.Resolution.Found found) {
            sources.addDirect(found.sources(), current());
        } else if (resolution instanceof Scope.Resolution.Unresolved unresolved) {
            queries.analysis().warnColumns(Diagnostic.Code.UNRESOLVED_COLUMN, unresolved.reason());
        }
        return null;
    }

    /** {@code current_date} and the like are functions unless a relation really has such a column. */
    private boolean isNoKnownColumn(String name) {
        return scope.relations().stream().noneMatch(relation -> relation.has(name) == Relation.Presence.YES);
    }

    private boolean isLambdaParameter(String name) {
        for (Set<String> parameters : lambdaParameters) {
            if (parameters.contains(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.Function function, S context) {
        boolean aggregate = isAggregate(function.getName());
        if (aggregate) {
            aggregateDepth++;
        }
        super.visit(function, context);
        if (aggregate) {
            aggregateDepth--;
        }
        return null;
    }

    @Override
    public <S> Void visit(AnalyticExpression expression, S context) {
        boolean aggregate = isAggregate(expression.getName());
        if (aggregate) {
            aggregateDepth++;
        }
        super.visit(expression, context);
        if (aggregate) {
            aggregateDepth--;
        }
        if (expression.getWindowName() != null) {
            WindowDefinition window = windows.get(Names.normalize(expression.getWindowName()));
            if (window != null) {
                for (Expression windowExpression : window.getAllExpressions()) {
                    windowExpression.accept(this, context);
                }
            }
        }
        return null;
    }

    @Override
    public <S> Void visit(LambdaExpression lambda, S context) {
        Set<String> parameters = new HashSet<>();
        for (String identifier : lambda.getIdentifiers()) {
            parameters.add(Names.normalize(identifier));
        }
        lambdaParameters.push(parameters);
        lambda.getExpression().accept(this, context);
        lambdaParameters.pop();
        return null;
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        return subquery(select);
    }

    @Override
    public <S> Void visit(Select select, S context) {
        return subquery(select);
    }

    private Void subquery(Select select) {
        QueryShape shape = queries.analyze(select, scope, ctes);
        for (QueryShape.OutputColumn column : shape.columns()) {
            sources.addDirect(column.sources(), Sources.strongest(current(), Subtype.TRANSFORMATION));
        }
        sources.addIndirect(shape.indirect());
        return null;
    }

    @Override
    public <S> Void visit(AllColumns allColumns, S context) {
        return null;
    }

    @Override
    public <S> Void visit(AllTableColumns allTableColumns, S context) {
        return null;
    }

    private static boolean isAggregate(String name) {
        if (name == null) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        return AGGREGATES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
