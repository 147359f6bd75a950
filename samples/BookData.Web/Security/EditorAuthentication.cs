namespace BookData.Web.Security;

/// <summary>The names of the two ways an editor proves they hold the key, and the policies that require them.</summary>
public static class EditorAuthentication
{
    /// <summary>The scheme reading the <c>X-Api-Key</c> header on API requests.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The cookie scheme set by the sign-in page for the forms.</summary>
    public const string CookieScheme = "EditorCookie";

    /// <summary>The header holding the editor key on API writes: <c>X-Api-Key</c>.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The policy on API writes: a valid <c>X-Api-Key</c> header (a cookie does not count, so there is no cross-site write).</summary>
    public const string ApiEditorPolicy = "ApiEditor";

    /// <summary>The policy on the forms: the sign-in cookie.</summary>
    public const string FormEditorPolicy = "FormEditor";

    /// <summary>The role every signed-in editor has.</summary>
    public const string EditorRole = "editor";
}
