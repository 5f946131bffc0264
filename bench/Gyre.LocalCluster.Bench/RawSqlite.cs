using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Gyre.LocalCluster.Bench;

/// <summary>The storage limit: single-row transactions with the pragmas the object store uses.</summary>
internal static class RawSqlite
{
    public static double TransactionsPerSecond(string path, int count)
    {
        using var db = new SqliteConnection($"Data Source={path};Pooling=False");
        db.Open();
        Execute(db, "PRAGMA journal_mode=WAL;");
        Execute(db, "PRAGMA synchronous=NORMAL;");
        Execute(db, "CREATE TABLE objects (key TEXT NOT NULL, ns TEXT NOT NULL, name TEXT NOT NULL, rv INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (key, ns, name));");
        Execute(db, "CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);");
        var payload = new byte[400];
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var tx = db.BeginTransaction();
            using (var cmd = db.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT OR REPLACE INTO objects (key, ns, name, rv, data) VALUES ('configmaps', 'bench', $n, $rv, $d);";
                cmd.Parameters.AddWithValue("$n", "cm-" + i);
                cmd.Parameters.AddWithValue("$rv", i);
                cmd.Parameters.AddWithValue("$d", payload);
                cmd.ExecuteNonQuery();
            }

            using (var meta = db.CreateCommand())
            {
                meta.Transaction = tx;
                meta.CommandText = "INSERT OR REPLACE INTO meta (name, value) VALUES ('rv', $v);";
                meta.Parameters.AddWithValue("$v", i);
                meta.ExecuteNonQuery();
            }

            tx.Commit();
        }

        return count / sw.Elapsed.TotalSeconds;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
