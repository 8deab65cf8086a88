; Inno Setup 6 script: the per-user installer of FGD Smart City for Windows 10/11 (no administrator rights).
;
;   iscc packaging\windows\fgd-app.iss       (packaging\build_windows.ps1 runs it after PyInstaller)
;
; Installs the PyInstaller bundle dist\fgd-app\ into %LOCALAPPDATA%\Programs\FGD Smart City ({userpf}), adds a
; Start-menu entry and registers workshop files, all under HKCU (HKEY_CURRENT_USER\Software\Classes).
; Output: dist\fgd-app-<version>-windows-x64-setup.exe. Silent install: setup.exe /VERYSILENT /SUPPRESSMSGBOXES
;
; Workshop files are named *.fgd.db, but Windows picks a file's handler by its last extension only (.db),
; so the installer adds FGD Smart City to the "Open with" list of .db files (never taking .db away from
; another program); the unchecked task "dbdefault" makes it the default program for .db files.
; Uninstalling keeps the user's data (%LOCALAPPDATA%\fgd_app: settings, backups) and every workshop file.

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist\fgd-app"
#endif
#ifndef IconFile
  ; drawn by packaging/make_icons.py when packaging/fgd_app.spec runs (--workpath build\pyinstaller)
  #define IconFile AddBackslash(SourcePath) + "..\..\build\pyinstaller\fgd_app\generated\icons\fgd-app.ico"
#endif
#ifndef AppVersion
  ; the version resource of the built fgd-app.exe, made from pyproject.toml's version
  #define AppVersion GetStringFileInfo(DistDir + "\fgd-app.exe", "ProductVersion")
#endif
#if AppVersion == ""
  #error dist\fgd-app\fgd-app.exe is missing or has no version: build the bundle first (packaging\build_windows.ps1)
#endif
#define AppName "FGD Smart City"
#define AppExe "fgd-app.exe"
#define ProgId "FGDSmartCity.Workshop"

[Setup]
AppId={{0DC2F8E0-B17C-4C04-A448-0DC816ABA747}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=fgd_app developers
DefaultDirName={userpf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=fgd-app-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.DbDefault=Open every .db file with {#AppName} (workshop files are *.fgd.db; Windows only looks at .db)
english.FileTypeName=FGD Smart City workshop

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "dbdefault"; Description: "{cm:DbDefault}"; Flags: unchecked

[InstallDelete]
; an update replaces the bundle's libraries whole: no file of the previous version stays behind
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; the workshop file type (ProgID): icon and "open" command
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:FileTypeName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; "Open with" for .db files, and the program's own entry (its name in that list)
Root: HKCU; Subkey: "Software\Classes\.db\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".db"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; only when asked for (task dbdefault): .db files open in FGD Smart City on double-click
Root: HKCU; Subkey: "Software\Classes\.db"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: dbdefault

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
