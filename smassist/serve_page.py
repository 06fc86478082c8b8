"""The pages of `smassist serve`: Dutch, and nothing loaded from other sites (Jinja2 templates)."""

from __future__ import annotations

# A tab that connects while the room is full gets this close code (4000-4999: the application's own),
# so the page says "vol" instead of "gestopt".
FULL_CLOSE_CODE = 4503
FULL_ADVICE = "Sluit een tabblad dat je niet meer gebruikt, of vraag de trainer om ruimte."


def full_message(max_sessions: int) -> str:
    return f"De training is vol: er {'is al 1 sessie' if max_sessions == 1 else f'zijn al {max_sessions} sessies'} open."


def full_text(max_sessions: int) -> str:
    """What a tab that connects while the room is full shows in its terminal."""
    return f"\r\n  {full_message(max_sessions)}\r\n  {FULL_ADVICE}\r\n"
PAGE = """<!DOCTYPE html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <title>{{ application.name }}</title>
    <link rel="stylesheet" href="{{ config.static.url }}css/xterm.css" />
    <script src="{{ config.static.url }}js/textual.js"></script>
    <style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
      }
      html, body { margin: 0; height: 100%; background: #0c181f; }
      body { font-family: "Roboto Mono", menlo, monospace; color: rgba(255, 255, 255, 0.95); }
      .dialog-container {
        position: absolute; width: 100vw; height: 100vh; display: flex;
        align-items: center; justify-content: center; z-index: 10;
      }
      .intro {
        min-width: 420px; padding: 32px; font-size: 18px; text-align: center;
        background-color: #12232d; z-index: 20;
      }
      body.-first-byte .intro-dialog { display: none; }
      body .textual-terminal { opacity: 0; width: 100vw; height: 100vh; }
      body.-first-byte .textual-terminal { opacity: 1; transition: opacity 0.3s ease-out; }
      button {
        padding: 12px 28px; margin: 16px auto 0; display: block; border: none; cursor: pointer;
        background-color: #5e0ba7; color: #fff; font: inherit;
      }
      .closed-dialog, .full-dialog { display: none; }
      body.-closed .closed-dialog { display: flex; }
      body.-closed.-full .closed-dialog { display: none; }
      body.-full .full-dialog { display: flex; }
      #start { display: none; }
      #start.-delay { display: block; }
    </style>
    <script>
      // textual.js shows "gestopt" on every close; a full room closes with its own code.
      (() => {
        const Native = window.WebSocket;
        function Watched(...args) {
          const socket = new Native(...args);
          socket.addEventListener("close", (event) => {
            if (event.code === {{ full_close_code }}) document.body.classList.add("-full");
          });
          return socket;
        }
        Watched.prototype = Native.prototype;
        Object.assign(Watched, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
        window.WebSocket = Watched;
      })();
      function getStartUrl() {
        const url = new URL(window.location.href);
        const params = new URLSearchParams(url.search);
        params.delete("delay");
        return url.pathname + "?" + params.toString();
      }
      async function refresh() {
        window.location.href = getStartUrl();
      }
    </script>
  </head>
  <body data-pingurl="">
    <div class="dialog-container intro-dialog">
      <div class="intro" id="intro">
        <div>{{ application.name }} wordt gestart…</div>
        <button type="button" onclick="refresh()" id="start">Starten</button>
      </div>
    </div>
    <div class="dialog-container closed-dialog">
      <div class="intro">
        <div>De sessie is gestopt.</div>
        <button type="button" onclick="refresh()">Opnieuw beginnen</button>
      </div>
    </div>
    <div class="dialog-container full-dialog">
      <div class="intro">
        <div>{{ full_message }}</div>
        <div>{{ full_advice }}</div>
        <button type="button" onclick="refresh()">Opnieuw proberen</button>
      </div>
    </div>
    <div id="terminal" class="textual-terminal"
         data-session-websocket-url="{{ app_websocket_url }}" data-font-size="{{ font_size }}"></div>
  </body>
</html>
"""

FULL_PAGE = """<!DOCTYPE html>
<html lang="nl">
  <head>
    <meta charset="utf-8" />
    <title>smassist: de training is vol</title>
    <style>
      html, body { margin: 0; height: 100%; background: #0c181f; }
      body { font-family: menlo, monospace; color: rgba(255, 255, 255, 0.95);
             display: flex; align-items: center; justify-content: center; }
      .intro { max-width: 560px; padding: 32px; font-size: 18px; text-align: center; background-color: #12232d; }
      a { color: #fff; }
    </style>
  </head>
  <body>
    <div class="intro">
      <p>{{ full_message }}</p>
      <p>{{ full_advice }}</p>
      <p><a href="/">Opnieuw proberen</a></p>
    </div>
  </body>
</html>
"""
