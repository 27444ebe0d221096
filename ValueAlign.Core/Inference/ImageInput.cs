namespace ValueAlign.Core.Inference;

/// <summary>An image attached to a chat message: encoded bytes (PNG, JPEG, ...) and their media type.</summary>
public sealed record ImageInput(byte[] Data, string MediaType)
{
    public string ToDataUri() => $"data:{MediaType};base64,{Convert.ToBase64String(Data)}";
}
