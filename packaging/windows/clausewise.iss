; Inno Setup script: Clausewise-<version>-setup.exe from the PyInstaller folder dist\Clausewise.
; Build (on Windows, after scripts\build-bundle or the CI step):
;   iscc /DAppVersion=0.1.0 packaging\windows\clausewise.iss
; Installs per user, without administrator rights, unless the user chooses "all users".

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6C6F2D3E-6B1F-4E0A-9C2E-2C1A7A5B1D42}
AppName=Clausewise
AppVersion={#AppVersion}
AppPublisher=Clausewise
DefaultDirName={autopf}\Clausewise
DefaultGroupName=Clausewise
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=Clausewise-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\clausewise.ico
UninstallDisplayIcon={app}\Clausewise.exe
LicenseFile=..\..\LICENSE
InfoBeforeFile=..\..\resources\licenses\THIRD-PARTY-NOTICES.txt
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "..\..\dist\Clausewise\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Clausewise"; Filename: "{app}\Clausewise.exe"
Name: "{group}\Uninstall Clausewise"; Filename: "{uninstallexe}"

[Registry]
; File association for *.scenario.yaml, per user (HKA = HKCU when installed without admin rights).
Root: HKA; Subkey: "Software\Classes\.yaml\OpenWithProgids"; ValueType: string; ValueName: "Clausewise.Scenario"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Clausewise.Scenario"; ValueType: string; ValueName: ""; ValueData: "Clausewise scenario"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Clausewise.Scenario\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Clausewise.exe,0"
Root: HKA; Subkey: "Software\Classes\Clausewise.Scenario\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Clausewise.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yaml\shell\OpenWithClausewise"; ValueType: string; ValueName: ""; ValueData: "Open with Clausewise"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SystemFileAssociations\.yaml\shell\OpenWithClausewise\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Clausewise.exe"" ""%1"""

[Run]
Filename: "{app}\Clausewise.exe"; Description: "Start Clausewise"; Flags: nowait postinstall skipifsilent
