using System.Globalization;

namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// One metadata value. Scalars hold the matching CLR value (byte, sbyte, ushort, short, uint,
/// int, float, bool, string, ulong, long, double); arrays hold a CLR array of the element type
/// (string[], float[], int[] …, or <see cref="GgufValue"/>[] for arrays of arrays).
/// </summary>
public sealed class GgufValue
{
    private GgufValue(GgufValueType type, object value, GgufValueType? elementType)
    {
        Type = type;
        Value = value;
        ElementType = elementType;
    }

    public GgufValueType Type { get; }

    public object Value { get; }

    /// <summary>Element type when <see cref="Type"/> is <see cref="GgufValueType.Array"/>.</summary>
    public GgufValueType? ElementType { get; }

    public bool IsArray => Type == GgufValueType.Array;

    /// <summary>Element count of an array value (0 for scalars).</summary>
    public int ArrayLength => Value is Array array ? array.Length : 0;

    public static GgufValue Scalar(GgufValueType type, object value)
    {
        if (type == GgufValueType.Array)
        {
            throw new ArgumentException("Use GgufValue.Array for arrays.", nameof(type));
        }
        if (value.GetType() != ClrType(type))
        {
            throw new ArgumentException($"A {type} value must be a {ClrType(type).Name}, got {value.GetType().Name}.", nameof(value));
        }
        return new GgufValue(type, value, null);
    }

    public static GgufValue Array(GgufValueType elementType, Array values)
    {
        var expected = elementType == GgufValueType.Array ? typeof(GgufValue) : ClrType(elementType);
        if (values.GetType().GetElementType() != expected)
        {
            throw new ArgumentException($"An array of {elementType} must be a {expected.Name}[], got {values.GetType().Name}.", nameof(values));
        }
        return new GgufValue(GgufValueType.Array, values, elementType);
    }

    public static GgufValue Of(string value) => new(GgufValueType.String, value, null);
    public static GgufValue Of(uint value) => new(GgufValueType.UInt32, value, null);
    public static GgufValue Of(int value) => new(GgufValueType.Int32, value, null);
    public static GgufValue Of(ulong value) => new(GgufValueType.UInt64, value, null);
    public static GgufValue Of(float value) => new(GgufValueType.Float32, value, null);
    public static GgufValue Of(bool value) => new(GgufValueType.Bool, value, null);
    public static GgufValue Of(string[] values) => new(GgufValueType.Array, values, GgufValueType.String);
    public static GgufValue Of(float[] values) => new(GgufValueType.Array, values, GgufValueType.Float32);
    public static GgufValue Of(int[] values) => new(GgufValueType.Array, values, GgufValueType.Int32);

    /// <summary>The value as an unsigned integer when it is any non-negative integer type.</summary>
    public bool TryGetUInt64(out ulong result)
    {
        switch (Value)
        {
            case byte b: result = b; return true;
            case ushort us: result = us; return true;
            case uint ui: result = ui; return true;
            case ulong ul: result = ul; return true;
            case sbyte sb when sb >= 0: result = (ulong)sb; return true;
            case short s when s >= 0: result = (ulong)s; return true;
            case int i when i >= 0: result = (ulong)i; return true;
            case long l when l >= 0: result = (ulong)l; return true;
            default: result = 0; return false;
        }
    }

    /// <summary>Structural equality (arrays element by element, floats bit for bit).</summary>
    public bool ValueEquals(GgufValue other)
    {
        if (Type != other.Type || ElementType != other.ElementType)
        {
            return false;
        }
        if (Value is Array left && other.Value is Array right)
        {
            if (left.Length != right.Length)
            {
                return false;
            }
            for (var i = 0; i < left.Length; i++)
            {
                var l = left.GetValue(i);
                var r = right.GetValue(i);
                var equal = l is GgufValue lv && r is GgufValue rv ? lv.ValueEquals(rv) : Equals(l, r);
                if (!equal)
                {
                    return false;
                }
            }
            return true;
        }
        return Equals(Value, other.Value);
    }

    public override string ToString()
    {
        if (Value is Array array)
        {
            return $"[{ElementType} × {array.Length}]";
        }
        return Value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : Value.ToString() ?? "";
    }

    internal static Type ClrType(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => typeof(byte),
        GgufValueType.Int8 => typeof(sbyte),
        GgufValueType.UInt16 => typeof(ushort),
        GgufValueType.Int16 => typeof(short),
        GgufValueType.UInt32 => typeof(uint),
        GgufValueType.Int32 => typeof(int),
        GgufValueType.Float32 => typeof(float),
        GgufValueType.Bool => typeof(bool),
        GgufValueType.String => typeof(string),
        GgufValueType.UInt64 => typeof(ulong),
        GgufValueType.Int64 => typeof(long),
        GgufValueType.Float64 => typeof(double),
        GgufValueType.Array => typeof(Array),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown GGUF value type."),
    };

    /// <summary>Fixed encoded size of a scalar type; strings and arrays are variable (null).</summary>
    internal static int? FixedSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        _ => null,
    };

    internal static bool IsKnown(GgufValueType type) => (uint)type <= (uint)GgufValueType.Float64;
}
