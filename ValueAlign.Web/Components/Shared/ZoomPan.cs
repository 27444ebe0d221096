using System.Globalization;

namespace ValueAlign.Web.Components.Shared;

/// <summary>
/// The zoom level and pan offset of an enlarged image. Zoom steps are multiplicative so each step
/// feels the same; the offset is in screen pixels and applied after scaling.
/// </summary>
public sealed class ZoomPan
{
    public const double MinScale = 1;
    public const double MaxScale = 8;
    public const double Step = 1.25;
    public const double PanStep = 60;

    public double Scale { get; private set; } = 1;

    public double X { get; private set; }

    public double Y { get; private set; }

    public void ZoomIn() => Scale = Math.Min(MaxScale, Scale * Step);

    /// <summary>Zooming back to 1× also re-centres the image, so it cannot be left off screen.</summary>
    public void ZoomOut()
    {
        Scale = Math.Max(MinScale, Scale / Step);
        if (Scale <= MinScale)
        {
            X = 0;
            Y = 0;
        }
    }

    public void Pan(double dx, double dy)
    {
        X += dx;
        Y += dy;
    }

    public void Reset()
    {
        Scale = 1;
        X = 0;
        Y = 0;
    }

    /// <summary>Keys of the zoom overlay: + / = zoom in, - zooms out, arrows pan, 0 resets. True when handled.</summary>
    public bool HandleKey(string key)
    {
        switch (key)
        {
            case "+" or "=": ZoomIn(); return true;
            case "-" or "_": ZoomOut(); return true;
            case "0": Reset(); return true;
            // An arrow moves the view: the image moves the opposite way.
            case "ArrowLeft": Pan(PanStep, 0); return true;
            case "ArrowRight": Pan(-PanStep, 0); return true;
            case "ArrowUp": Pan(0, PanStep); return true;
            case "ArrowDown": Pan(0, -PanStep); return true;
            default: return false;
        }
    }

    public string Transform => string.Create(CultureInfo.InvariantCulture, $"translate({X:0.#}px, {Y:0.#}px) scale({Scale:0.###})");
}
