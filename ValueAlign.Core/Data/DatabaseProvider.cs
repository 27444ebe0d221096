namespace ValueAlign.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
