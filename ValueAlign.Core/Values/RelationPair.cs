namespace ValueAlign.Core.Values;

/// <summary>An undirected edge of a relation graph between two dimension ids.</summary>
public sealed record RelationPair(string A, string B, Relation Relation);
