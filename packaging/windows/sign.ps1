# Sign the app and the installer with signtool, when a code-signing certificate is configured.
# CI passes the certificate (base64 PFX) and its password as secrets; without them this is a no-op.
param([string[]]$Files)
if (-not $env:WINDOWS_CERT_PFX_BASE64) { Write-Host "No code-signing certificate configured: not signing."; exit 0 }
$pfx = Join-Path $env:RUNNER_TEMP "codesign.pfx"
[IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERT_PFX_BASE64))
try {
  foreach ($f in $Files) {
    & signtool sign /fd SHA256 /f $pfx /p $env:WINDOWS_CERT_PASSWORD /tr http://timestamp.digicert.com /td SHA256 $f
    if ($LASTEXITCODE -ne 0) { throw "signtool failed for $f" }
  }
} finally { Remove-Item $pfx -Force }
