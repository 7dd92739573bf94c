#!/usr/bin/env bash
# Make dist/Clausewise-<version>-<arch>.dmg from dist/Clausewise.app with hdiutil.
# Usage: packaging/macos/build-dmg.sh VERSION ARCH   (ARCH: arm64 or x86_64)
set -euo pipefail
cd "$(dirname "$0")/../.."
version="$1"; arch="$2"
staging=$(mktemp -d)
cp -R dist/Clausewise.app "$staging/"
cp LICENSE "$staging/LICENSE.txt"
cp resources/licenses/THIRD-PARTY-NOTICES.txt "$staging/THIRD-PARTY-NOTICES.txt"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "Clausewise $version" -srcfolder "$staging" -ov -format UDZO "dist/Clausewise-$version-$arch.dmg"
rm -rf "$staging"
