using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Services;
using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Tests.Web.Annotate;

/// <summary>The enlarged image zooms with wheel and keys and pans with drag and arrow keys.</summary>
public sealed class ImageZoomOverlayTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private string Transform(IRenderedComponent<ImageZoomOverlay> overlay) =>
        overlay.Find("[data-testid=media-zoom-image]").GetAttribute("style")!;

    [Fact]
    public void Keys_zoom_pan_and_reset()
    {
        var overlay = _ctx.Render<ImageZoomOverlay>(p => p.Add(x => x.Source, "/media/demo/shrine-gate.png"));
        var root = overlay.Find("[data-testid=media-zoom]");
        Assert.Contains("translate(0px, 0px) scale(1)", Transform(overlay));
        root.KeyDown(new KeyboardEventArgs { Key = "+" });
        root.KeyDown(new KeyboardEventArgs { Key = "+" });
        Assert.Contains("scale(1.563)", Transform(overlay));
        root.KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        root.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        Assert.Contains("translate(-60px, -60px)", Transform(overlay));
        root.KeyDown(new KeyboardEventArgs { Key = "0" });
        Assert.Contains("translate(0px, 0px) scale(1)", Transform(overlay));
    }

    [Fact]
    public void Dragging_pans_and_the_wheel_zooms()
    {
        var overlay = _ctx.Render<ImageZoomOverlay>(p => p.Add(x => x.Source, "/media/demo/shrine-gate.png"));
        var root = overlay.Find("[data-testid=media-zoom]");
        root.Wheel(new WheelEventArgs { DeltaY = -100 });
        Assert.Contains("scale(1.25)", Transform(overlay));
        root.PointerDown(new PointerEventArgs { ClientX = 100, ClientY = 100 });
        root.PointerMove(new PointerEventArgs { ClientX = 130, ClientY = 90 });
        root.PointerMove(new PointerEventArgs { ClientX = 150, ClientY = 80 });
        root.PointerUp(new PointerEventArgs { ClientX = 150, ClientY = 80 });
        // Moves after the button is released do not pan.
        root.PointerMove(new PointerEventArgs { ClientX = 400, ClientY = 400 });
        Assert.Contains("translate(50px, -20px) scale(1.25)", Transform(overlay));
        // Back at 1x the image is centred again.
        root.Wheel(new WheelEventArgs { DeltaY = 100 });
        Assert.Contains("translate(0px, 0px) scale(1)", Transform(overlay));
    }

    [Fact]
    public void Escape_and_the_close_button_close_it()
    {
        var closed = 0;
        var overlay = _ctx.Render<ImageZoomOverlay>(p => p
            .Add(x => x.Source, "/media/demo/shrine-gate.png")
            .Add(x => x.OnClose, () => closed++));
        overlay.Find("[data-testid=media-zoom]").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        overlay.Find("[data-testid=zoom-close]").Click();
        Assert.Equal(2, closed);
    }
}
