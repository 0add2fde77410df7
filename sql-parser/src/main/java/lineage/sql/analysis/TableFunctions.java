package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lineage.sql.Diagnostic;
import lineage.sql.Transformation.Subtype;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.statement.select.LateralView;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * Relations made by functions: {@code UNNEST}, Hive's {@code LATERAL VIEW explode}, Trino's pass-through
 * {@code TABLE(catalog.system.query(query => '...'))}, and other table functions.
 */
final class TableFunctions {
    private final QueryAnalyzer queries;

    TableFunctions(QueryAnalyzer queries) {
        this.queries = queries;
    }

    Relation relation(TableFunction tableFunction, Scope scope, Ctes ctes, Sources indirect) {
        Function function = tableFunction.getFunction();
        String name = function.getName() == null ? "" : function.getName().toLowerCase(Locale.ROOT);
        Alias alias = tableFunction.getAlias();
        String aliasName = alias == null || alias.getName() == null ? name : Names.normalize(alias.getName());
        List<Expression> arguments = arguments(function);
        if (name.equals("unnest")) {
            boolean ordinality = tableFunction.getWithClause() != null
                    && tableFunction.getWithClause().toLowerCase(Locale.ROOT).contains("ordinality");
            return generated(aliasName, arguments, QueryAnalyzer.aliasColumns(alias), ordinality, scope, ctes);
        }
        if (name.equals("table") && arguments.size() == 1 && arguments.get(0) instanceof Function inner) {
            if (isPassThrough(inner)) {
                Optional<QueryShape> shape = passThrough(inner);
                shape.ifPresent(passed -> indirect.addIndirect(passed.indirect()));
                return new Relation.Derived(
                        aliasName,
                        shape.orElseGet(QueryAnalyzer::emptyShape).renamed(QueryAnalyzer.aliasColumns(alias)));
            }
            arguments = arguments(inner);
        }
        List<Relation> tables = new ArrayList<>();
        for (Expression argument : arguments) {
            Expression value = unnamed(argument);
            Optional<net.sf.jsqlparser.schema.Table> table = tableArgument(value);
            if (table.isPresent()) {
                tables.add(queries.relation(table.get(), scope, ctes));
            } else if (!isDescriptor(value)) {
                ExpressionAnalyzer.analyze(queries, value, scope, ctes);
            }
        }
        // A polymorphic table function passes its table arguments' columns through, as far as is known.
        return new Relation.Derived(aliasName, new QueryShape(List.of(), Sources.empty(), tables));
    }

    Relation lateralView(LateralView view, Scope scope, Ctes ctes) {
        Alias tableAlias = view.getTableAlias();
        String name = tableAlias == null ? "" : Names.normalize(tableAlias.getName());
        List<String> columns = new ArrayList<>();
        Alias columnAlias = view.getColumnAlias();
        if (columnAlias != null) {
            columns.addAll(QueryAnalyzer.aliasColumns(columnAlias));
            if (columns.isEmpty() && columnAlias.getName() != null) {
                for (String column : columnAlias.getName().split(",")) {
                    columns.add(Names.normalize(column.replace("(", "").replace(")", "")));
                }
            }
        }
        return generated(name, arguments(view.getGeneratorFunction()), columns, false, scope, ctes);
    }

    /** Each generated column depends on every argument; an ordinality column on none. */
    private Relation generated(
            String name, List<Expression> arguments, List<String> columns, boolean ordinality, Scope scope, Ctes ctes) {
        Sources sources = Sources.empty();
        for (Expression argument : arguments) {
            sources.addDirect(ExpressionAnalyzer.analyze(queries, argument, scope, ctes), Subtype.TRANSFORMATION);
        }
        List<QueryShape.OutputColumn> output = new ArrayList<>();
        for (int index = 0; index < columns.size(); index++) {
            boolean isOrdinality = ordinality && index == columns.size() - 1;
            output.add(new QueryShape.OutputColumn(columns.get(index), isOrdinality ? Sources.empty() : sources));
        }
        return new Relation.Derived(name, new QueryShape(output, Sources.empty(), List.of()));
    }

    private static Expression unnamed(Expression argument) {
        if (argument instanceof net.sf.jsqlparser.expression.OracleNamedFunctionParameter named) {
            return named.getExpression();
        }
        if (argument instanceof net.sf.jsqlparser.expression.PostgresNamedFunctionParameter named) {
            return named.getExpression();
        }
        return argument;
    }

    /** {@code TABLE(catalog.schema.name)} as a table function argument. */
    private static Optional<net.sf.jsqlparser.schema.Table> tableArgument(Expression value) {
        if (value instanceof Function function
                && "table".equalsIgnoreCase(function.getName())
                && function.getParameters() != null
                && function.getParameters().size() == 1
                && function.getParameters().get(0) instanceof net.sf.jsqlparser.schema.Column column) {
            List<String> parts = Names.parts(column);
            return Optional.of(new net.sf.jsqlparser.schema.Table(String.join(".", parts)));
        }
        return Optional.empty();
    }

    private static boolean isDescriptor(Expression value) {
        return value instanceof Function function && "descriptor".equalsIgnoreCase(function.getName());
    }

    private static boolean isPassThrough(Function function) {
        List<String> parts = function.getMultipartName();
        int size = parts == null ? 0 : parts.size();
        return size >= 2
                && Names.normalize(parts.get(size - 1)).equals("query")
                && Names.normalize(parts.get(size - 2)).equals("system");
    }

    /** The query string runs inside the function's catalog; its tables are inputs resolved there. */
    private Optional<QueryShape> passThrough(Function function) {
        List<String> parts = function.getMultipartName();
        Optional<String> catalog = parts.size() >= 3
                ? Optional.of(Names.normalize(parts.get(parts.size() - 3)))
                : queries.analysis().catalog();
        Optional<String> sql = firstString(function);
        if (sql.isEmpty() || catalog.isEmpty()) {
            queries.analysis().warn(Diagnostic.Code.PARTIAL, "pass-through query without a query string or catalog");
            return Optional.empty();
        }
        Grammar.Outcome outcome = Grammar.parse(sql.get(), queries.analysis().deadline());
        if (outcome instanceof Grammar.Outcome.Parsed parsed && parsed.statement() instanceof Select select) {
            QueryAnalyzer nested = new QueryAnalyzer(queries.analysis().inCatalog(catalog.get()));
            return Optional.of(nested.analyze(select, Scope.root(), Ctes.none()));
        }
        queries.analysis()
                .warn(
                        Diagnostic.Code.PARTIAL,
                        "the pass-through query of " + function.getName()
                                + " could not be parsed; its tables are not listed");
        return Optional.empty();
    }

    private static Optional<String> firstString(Expression expression) {
        List<String> strings = new ArrayList<>();
        expression.accept(
                new ExpressionVisitorAdapter<Void>() {
                    @Override
                    public <S> Void visit(StringValue value, S context) {
                        strings.add(value.getValue().replace("''", "'"));
                        return null;
                    }
                },
                null);
        return strings.stream().findFirst();
    }

    private static List<Expression> arguments(Function function) {
        List<Expression> arguments = new ArrayList<>();
        if (function != null && function.getParameters() != null) {
            arguments.addAll(function.getParameters());
        }
        if (function != null && function.getNamedParameters() != null) {
            arguments.addAll(function.getNamedParameters());
        }
        return arguments;
    }
}
