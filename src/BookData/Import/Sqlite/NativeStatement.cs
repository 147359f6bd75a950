using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BookData.Import.Sqlite;

/// <summary>
/// One of the import's insert statements, prepared once on the import's connection and run for every row
/// through SQLite's C interface: values are bound straight from the row's strings and integers, without the
/// parameter objects, data reader and handle bookkeeping <see cref="SqliteCommand"/> adds to each call,
/// which cost a third of the writing thread's time on a large import. It runs inside whatever transaction
/// the connection has open.
/// </summary>
internal sealed class NativeStatement : IDisposable
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;

    /// <param name="connection">The import's open connection.</param>
    /// <param name="sql">One statement with named parameters.</param>
    /// <exception cref="SqliteException">SQLite cannot prepare the statement.</exception>
    public NativeStatement(SqliteConnection connection, string sql)
    {
        database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(database, sql, out var prepared);
        if (rc != raw.SQLITE_OK || prepared is null)
        {
            prepared?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, database);
            throw new InvalidOperationException("SQLite prepared no statement.");
        }

        statement = prepared;
    }

    /// <summary>The position of a named parameter, for <see cref="Bind(int, long)"/>.</summary>
    /// <exception cref="ArgumentException">The statement has no such parameter.</exception>
    public int ParameterIndex(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(statement, index, value));

    /// <summary>Binds a string; SQLite copies it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text16(statement, index, value));

    /// <summary>Binds UTF-8 text; SQLite copies it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Bind(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(statement, index, utf8));

    /// <summary>Runs the statement with the values bound and makes it ready for the next ones.</summary>
    /// <returns>The number of rows inserted.</returns>
    /// <exception cref="SqliteException">SQLite reports an error.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Execute()
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, database);
        }

        return raw.sqlite3_changes(database);
    }

    public void Dispose() => statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, database);
        }
    }
}
