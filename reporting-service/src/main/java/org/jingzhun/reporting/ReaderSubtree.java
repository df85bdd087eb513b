package org.jingzhun.reporting;

import java.util.Arrays;
import org.jingzhun.platform.security.Scope;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a reader may count: the whole county, or, for a secretary, the organization at the root of its
 * subtree and everything under it. Lists and totals are filtered here, by the organization each row
 * belongs to, so that a secretary's totals are the county's rules applied to its subtree's rows only.
 * <p>
 * Queries take the root as a value ({@code null}: the county) and add {@link #sql(String)} to their
 * {@code WHERE}, bound with {@link #PARAMETER} (queries with positional parameters use {@link #andWithin}).
 * The subtree is the organization registry as projected now.
 */
@Component
public class ReaderSubtree {

    /** The named parameter {@link #sql(String)} reads: the subtree's root, or null for the county. */
    public static final String PARAMETER = "subtreeRoot";

    private static final String DOWN = """
            WITH RECURSIVE down (organization_id) AS (
                SELECT organization_id FROM organization WHERE organization_id = :subtreeRoot
                UNION
                SELECT o.organization_id FROM organization o JOIN down ON o.parent_id = down.organization_id)
            SELECT organization_id FROM down""";

    private final Scope scope;

    ReaderSubtree(Scope scope) {
        this.scope = scope;
    }

    /** The root of the current caller's subtree, or null when it reads the whole county. */
    @Nullable
    public String root() {
        return scope.root().orElse(null);
    }

    /**
     * A condition that holds when the organization in {@code column} is within the subtree named by
     * {@code :subtreeRoot}, and always when that parameter is null.
     */
    public static String sql(String column) {
        return "(CAST(:" + PARAMETER + " AS VARCHAR) IS NULL OR " + column + " IN (" + DOWN + "))";
    }

    /**
     * For queries with positional parameters: {@code ""} when {@code root} is null (the county), else
     * {@code " AND <column> IN (<the subtree>)"}, which takes {@code root} as one more positional parameter
     * where it stands in the SQL.
     */
    public static String andWithin(String column, @Nullable String root) {
        return root == null ? "" : " AND " + column + " IN (" + DOWN.replace(":" + PARAMETER, "?") + ")";
    }

    /** {@code parameters}, followed by {@code root} when it is not null: the parameters of {@link #andWithin}. */
    public static Object[] parameters(@Nullable String root, Object... parameters) {
        if (root == null) {
            return parameters;
        }
        Object[] all = Arrays.copyOf(parameters, parameters.length + 1);
        all[parameters.length] = root;
        return all;
    }
}
