# Build FGD Smart City for Windows: the bundle dist\fgd-app\ (PyInstaller, packaging\fgd_app.spec), a portable
# zip of it and, when Inno Setup 6 is installed, the per-user installer (packaging\windows\fgd-app.iss).
#
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
#
# Needs Python 3.11 (64-bit) as "python" on PATH, or its path in $env:PYTHON. Builds in a virtualenv of its own,
# build\venv ($env:FGD_BUILD_VENV to put it elsewhere). .github\workflows\windows.yml runs this same script.
$ErrorActionPreference = "Stop"
$root = Split-Path -Parent $PSScriptRoot
$build = Join-Path $root "build"
$dist = Join-Path $root "dist"
$venv = if ($env:FGD_BUILD_VENV) { $env:FGD_BUILD_VENV } else { Join-Path $build "venv" }
$python = if ($env:PYTHON) { $env:PYTHON } else { "python" }

function Invoke-Checked {
    param([string]$Program, [string[]]$Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed (exit code $LASTEXITCODE)" }
}

New-Item -ItemType Directory -Force -Path $build, $dist | Out-Null
if (-not (Test-Path (Join-Path $venv "Scripts\python.exe"))) {
    Invoke-Checked $python @("-m", "venv", $venv)
}
$venvPython = Join-Path $venv "Scripts\python.exe"
$requirements = Join-Path $build "requirements.txt"
$version = (& $venvPython (Join-Path $root "packaging\bundle_data.py") version).Trim()
Invoke-Checked $venvPython @((Join-Path $root "packaging\bundle_data.py"), "requirements", $requirements)
Invoke-Checked $venvPython @("-m", "pip", "install", "--quiet", "-r", $requirements,
    "-r", (Join-Path $root "packaging\build-requirements.txt"))

$started = Get-Date
Push-Location $root
try {
    Invoke-Checked (Join-Path $venv "Scripts\pyinstaller.exe") @("--noconfirm", "--log-level", "WARN",
        "--distpath", $dist, "--workpath", (Join-Path $build "pyinstaller"), "packaging\fgd_app.spec")
} finally {
    Pop-Location
}
$bundle = Join-Path $dist "fgd-app"
$size = [math]::Round(((Get-ChildItem $bundle -Recurse -File | Measure-Object Length -Sum).Sum / 1MB), 1)
Write-Host "build_windows: bundle $bundle ($size MB) in $([int](((Get-Date) - $started).TotalSeconds)) s"

$zip = Join-Path $dist "fgd-app-$version-windows-x64.zip"
if (Test-Path $zip) { Remove-Item $zip }
Compress-Archive -Path $bundle -DestinationPath $zip
Write-Host "build_windows: portable zip $zip"

$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source -First 1
if (-not $iscc) {
    $iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
              "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if ($iscc) {
    Invoke-Checked $iscc @("/Q", (Join-Path $root "packaging\windows\fgd-app.iss"))
    Write-Host "build_windows: installer $(Join-Path $dist "fgd-app-$version-windows-x64-setup.exe")"
} else {
    Write-Warning "Inno Setup 6 (ISCC.exe) not found: no installer built. Install it (winget install JRSoftware.InnoSetup) and run this again; dist\fgd-app\ and the zip work without it."
}
