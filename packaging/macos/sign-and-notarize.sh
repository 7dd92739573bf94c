#!/usr/bin/env bash
# Code-sign the app, or sign, notarize and staple the disk image, when credentials are set:
# MACOS_SIGNING_IDENTITY ("Developer ID Application: …", its certificate already in the keychain),
# and APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD for notarytool. Without them: a no-op.
# Usage: packaging/macos/sign-and-notarize.sh app dist/Clausewise.app
#        packaging/macos/sign-and-notarize.sh dmg dist/Clausewise-<version>-<arch>.dmg
set -euo pipefail
what="$1"; path="$2"
if [ -z "${MACOS_SIGNING_IDENTITY:-}" ]; then
  echo "No signing identity configured: $path is not signed."
  exit 0
fi
case "$what" in
  app)
    codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$path"
    codesign --verify --strict --verbose=2 "$path"
    ;;
  dmg)
    codesign --force --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$path"
    if [ -n "${APPLE_ID:-}" ]; then
      xcrun notarytool submit "$path" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
      xcrun stapler staple "$path"
    fi
    ;;
  *) echo "usage: $0 app|dmg PATH" >&2; exit 2 ;;
esac
