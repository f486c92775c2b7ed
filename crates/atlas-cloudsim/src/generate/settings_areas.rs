//! Microsoft's settings catalog as the generator uses it: areas of real setting definition ids
//! (`{prefix}{setting}`, the way Intune names them: Windows CSP paths, Apple payload keys) with
//! each setting's portal name, and the platforms an area applies to. Policies draw only the
//! settings of their own platform, each at most once.

/// One settings area (a category in the portal).
pub(crate) struct ScArea {
    pub name: &'static str,
    /// Settings catalog platform values (`windows10`, `macOS`, `iOS`).
    pub platforms: &'static [&'static str],
    /// What every setting id of the area starts with.
    pub prefix: &'static str,
    /// Settings of reusable policy settings (referenced by policies, never set in one).
    pub reusable: bool,
    /// The settings: the rest of the id, and the name the portal shows.
    pub settings: &'static [(&'static str, &'static str)],
}

impl ScArea {
    pub fn applies_to(&self, platform: &str) -> bool {
        self.platforms.contains(&platform)
    }

    /// Whether a settings catalog policy of `platform` may set this area's settings.
    pub fn in_policies_of(&self, platform: &str) -> bool {
        !self.reusable && self.applies_to(platform)
    }

    pub fn id(&self, setting: &str) -> String {
        format!("{}{setting}", self.prefix)
    }
}

pub(crate) const SC_AREAS: &[ScArea] = &[
    ScArea {
        name: "Defender Antivirus",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_policy_config_defender_",
        reusable: false,
        settings: &[
            ("allowrealtimemonitoring", "Allow Realtime Monitoring"),
            ("allowcloudprotection", "Allow Cloud Protection"),
            ("allowbehaviormonitoring", "Allow Behavior Monitoring"),
            (
                "allowioavprotection",
                "Allow scanning of all downloaded files and attachments",
            ),
            ("submitsamplesconsent", "Submit Samples Consent"),
            ("puaprotection", "PUA Protection"),
            ("cloudblocklevel", "Cloud Block Level"),
            ("allowscriptscanning", "Allow Script Scanning"),
            ("allowemailscanning", "Allow Email Scanning"),
            ("allowarchivescanning", "Allow Archive Scanning"),
            (
                "checkforsignaturesbeforerunningscan",
                "Check For Signatures Before Running Scan",
            ),
            (
                "daysuntilaggressivecatchupquickscan",
                "Days Until Aggressive Catchup Quick Scan",
            ),
            ("enablenetworkprotection", "Enable Network Protection"),
            (
                "allowfullscanremovabledrivescanning",
                "Allow Full Scan Removable Drive Scanning",
            ),
            ("allowonaccessprotection", "Allow On Access Protection"),
            ("realtimescandirection", "Real Time Scan Direction"),
            ("avgcpuloadfactor", "Avg CPU Load Factor"),
            ("signatureupdateinterval", "Signature Update Interval"),
            ("disablecatchupquickscan", "Disable Catchup Quick Scan"),
            ("enablelowcpupriority", "Enable Low CPU Priority"),
        ],
    },
    ScArea {
        name: "BitLocker",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_bitlocker_",
        reusable: false,
        settings: &[
            ("requiredeviceencryption", "Require Device Encryption"),
            (
                "allowwarningforotherdiskencryption",
                "Allow Warning For Other Disk Encryption",
            ),
            (
                "encryptionmethodbydrivetype",
                "Choose drive encryption method and cipher strength",
            ),
            (
                "systemdrivesrequirestartupauthentication",
                "Require additional authentication at startup",
            ),
            (
                "fixeddrivesrecoveryoptions",
                "Choose how BitLocker-protected fixed drives can be recovered",
            ),
            (
                "removabledrivesrequireencryption",
                "Deny write access to removable drives not protected by BitLocker",
            ),
            (
                "systemdrivesminimumpinlength",
                "Configure minimum PIN length for startup",
            ),
            (
                "configurerecoverypasswordrotation",
                "Configure Recovery Password Rotation",
            ),
        ],
    },
    ScArea {
        name: "Windows Hello for Business",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_passportforwork_{tenantid}_policies_",
        reusable: false,
        settings: &[
            ("usepassportforwork", "Use Windows Hello For Business"),
            ("requiresecuritydevice", "Require Security Device"),
            ("pincomplexity_minimumpinlength", "Minimum PIN Length"),
            ("pincomplexity_maximumpinlength", "Maximum PIN Length"),
            ("pincomplexity_uppercaseletters", "Uppercase Letters"),
            ("pincomplexity_lowercaseletters", "Lowercase Letters"),
            ("pincomplexity_specialcharacters", "Special Characters"),
            ("pincomplexity_expiration", "Expiration"),
            ("pincomplexity_history", "PIN History"),
            ("biometrics_usebiometrics", "Allow Use of Biometrics"),
        ],
    },
    ScArea {
        name: "Microsoft Edge",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge_",
        reusable: false,
        settings: &[
            (
                "smartscreenenabled",
                "Configure Microsoft Defender SmartScreen",
            ),
            (
                "smartscreenpuaenabled",
                "Configure Microsoft Defender SmartScreen to block potentially unwanted apps",
            ),
            (
                "passwordmanagerenabled",
                "Enable saving passwords to the password manager",
            ),
            ("sitepermissions", "Site permissions"),
            ("sslversionmin", "Minimum TLS version enabled"),
            (
                "preventsmartscreenpromptoverride",
                "Prevent bypassing Microsoft Defender SmartScreen prompts for sites",
            ),
            ("autofilladdressenabled", "Enable AutoFill for addresses"),
            ("homepagelocation", "Configure the home page URL"),
        ],
    },
    ScArea {
        name: "Device Lock",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_policy_config_devicelock_",
        reusable: false,
        settings: &[
            ("devicepasswordenabled", "Device Password Enabled"),
            (
                "alphanumericdevicepasswordrequired",
                "Alphanumeric Device Password Required",
            ),
            ("mindevicepasswordlength", "Min Device Password Length"),
            (
                "maxinactivitytimedevicelock",
                "Max Inactivity Time Device Lock",
            ),
            ("devicepasswordexpiration", "Device Password Expiration"),
            ("devicepasswordhistory", "Device Password History"),
            (
                "maxdevicepasswordfailedattempts",
                "Max Device Password Failed Attempts",
            ),
            (
                "mindevicepasswordcomplexcharacters",
                "Min Device Password Complex Characters",
            ),
            ("allowsimpledevicepassword", "Allow Simple Device Password"),
            (
                "preventlockscreenslideshow",
                "Prevent Lock Screen Slide Show",
            ),
        ],
    },
    ScArea {
        name: "Firewall",
        platforms: &["windows10"],
        prefix: "vendor_msft_firewall_mdmstore_",
        reusable: false,
        settings: &[
            (
                "domainprofile_enablefirewall",
                "Enable Domain Network Firewall",
            ),
            (
                "privateprofile_enablefirewall",
                "Enable Private Network Firewall",
            ),
            (
                "publicprofile_enablefirewall",
                "Enable Public Network Firewall",
            ),
            (
                "domainprofile_defaultinboundaction",
                "Default Inbound Action for Domain Profile",
            ),
            (
                "domainprofile_defaultoutboundaction",
                "Default Outbound Action for Domain Profile",
            ),
            (
                "domainprofile_disableinboundnotifications",
                "Disable Inbound Notifications",
            ),
            (
                "domainprofile_enablelogdroppedpackets",
                "Enable Log Dropped Packets",
            ),
        ],
    },
    ScArea {
        name: "Attack Surface Reduction",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_policy_config_defender_attacksurfacereductionrules_",
        reusable: false,
        settings: &[
            (
                "blockexecutablecontentfromemailclientandwebmail",
                "Block executable content from email client and webmail",
            ),
            (
                "blockofficeapplicationsfromcreatingexecutablecontent",
                "Block Office applications from creating executable content",
            ),
            (
                "blockcredentialstealingfromlsass",
                "Block credential stealing from the Windows local security authority subsystem",
            ),
            (
                "blockpersistencethroughwmieventsubscription",
                "Block persistence through WMI event subscription",
            ),
            (
                "useadvancedprotectionagainstransomware",
                "Use advanced protection against ransomware",
            ),
            (
                "blockuntrustedunsignedprocessesthatrunfromusb",
                "Block untrusted and unsigned processes that run from USB",
            ),
        ],
    },
    ScArea {
        name: "Windows Update",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_policy_config_update_",
        reusable: false,
        settings: &[
            ("activehoursstart", "Active Hours Start"),
            ("activehoursend", "Active Hours End"),
            ("allowautoupdate", "Allow Auto Update"),
            (
                "deferqualityupdatesperiodindays",
                "Defer Quality Updates Period (Days)",
            ),
            (
                "deferfeatureupdatesperiodindays",
                "Defer Feature Updates Period (Days)",
            ),
            ("engagedrestartdeadline", "Engaged Restart Deadline"),
            ("scheduledinstallday", "Scheduled Install Day"),
            ("scheduledinstalltime", "Scheduled Install Time"),
            ("managepreviewbuilds", "Manage Preview Builds"),
            (
                "configuredeadlineforqualityupdates",
                "Deadline for quality updates",
            ),
            (
                "configuredeadlineforfeatureupdates",
                "Deadline for feature updates",
            ),
            ("configuredeadlinegraceperiod", "Grace period"),
        ],
    },
    ScArea {
        name: "OneDrive",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_policy_config_onedrivengscv2~policy~onedrivengsc_",
        reusable: false,
        settings: &[
            (
                "kfmsilentoptin",
                "Silently move Windows known folders to OneDrive",
            ),
            (
                "kfmblockoptout",
                "Prevent users from redirecting their Windows known folders to their PC",
            ),
            ("filesondemandenabled", "Use OneDrive Files On-Demand"),
            (
                "silentaccountconfig",
                "Silently sign in users to the OneDrive sync app with their Windows credentials",
            ),
            (
                "disablepersonalsync",
                "Prevent users from syncing personal OneDrive accounts",
            ),
        ],
    },
    ScArea {
        name: "Local Policies Security Options",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_policy_config_localpoliciessecurityoptions_",
        reusable: false,
        settings: &[
            (
                "accounts_limitlocalaccountuseofblankpasswordstoconsolelogononly",
                "Accounts Limit Local Account Use Of Blank Passwords To Console Logon Only",
            ),
            (
                "interactivelogon_machineinactivitylimit",
                "Interactive Logon Machine Inactivity Limit",
            ),
            (
                "useraccountcontrol_behavioroftheelevationpromptforadministrators",
                "User Account Control Behavior Of The Elevation Prompt For Administrators",
            ),
            (
                "networksecurity_lanmanagerauthenticationlevel",
                "Network Security LAN Manager Authentication Level",
            ),
            (
                "interactivelogon_donotdisplaylastsignedin",
                "Interactive Logon Do Not Display Last Signed In",
            ),
            (
                "useraccountcontrol_runalladministratorsinadminapprovalmode",
                "User Account Control Run All Administrators In Admin Approval Mode",
            ),
            (
                "interactivelogon_messagetitleforusersattemptingtologon",
                "Interactive Logon Message Title For Users Attempting To Logon",
            ),
        ],
    },
    ScArea {
        name: "Privacy",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_policy_config_privacy_",
        reusable: false,
        settings: &[
            ("letappsaccesscamera", "Let Apps Access Camera"),
            ("letappsaccessmicrophone", "Let Apps Access Microphone"),
            ("letappsaccesslocation", "Let Apps Access Location"),
            ("disableadvertisingid", "Disable Advertising ID"),
            ("allowinputpersonalization", "Allow Input Personalization"),
            ("letappsaccesscontacts", "Let Apps Access Contacts"),
            ("letappsaccesscalendar", "Let Apps Access Calendar"),
        ],
    },
    ScArea {
        name: "Experience",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_policy_config_experience_",
        reusable: false,
        settings: &[
            ("allowcortana", "Allow Cortana"),
            ("allowwindowsspotlight", "Allow Windows Spotlight"),
            ("allowwindowstips", "Allow Windows Tips"),
            (
                "donotshowfeedbacknotifications",
                "Do Not Show Feedback Notifications",
            ),
            (
                "allowmanualmdmunenrollment",
                "Allow Manual MDM Unenrollment",
            ),
            (
                "allowthirdpartysuggestionsinwindowsspotlight",
                "Allow Third Party Suggestions In Windows Spotlight",
            ),
            (
                "allowwindowsconsumerfeatures",
                "Allow Windows Consumer Features",
            ),
        ],
    },
    ScArea {
        name: "Passcode",
        platforms: &["macOS", "iOS"],
        prefix: "com.apple.mobiledevice.passwordpolicy_",
        reusable: false,
        settings: &[
            ("requirealphanumeric", "Require Alphanumeric Passcode"),
            ("minlength", "Minimum Passcode Length"),
            ("maxpinageindays", "Maximum Passcode Age In Days"),
            ("maxfailedattempts", "Maximum Number Of Failed Attempts"),
            ("maxinactivity", "Maximum Inactivity In Minutes"),
            ("pinhistory", "Passcode Reuse Limit"),
            ("allowsimple", "Allow Simple Passcode"),
        ],
    },
    ScArea {
        name: "FileVault",
        platforms: &["macOS"],
        prefix: "com.apple.mcx.filevault2_",
        reusable: false,
        settings: &[
            ("enable", "Enable"),
            ("defer", "Defer"),
            (
                "deferforceatuserloginmaxbypassattempts",
                "Defer Force At User Login Max Bypass Attempts",
            ),
            ("showrecoverykey", "Show Recovery Key"),
            ("userecoverykey", "Use Recovery Key"),
        ],
    },
    ScArea {
        name: "macOS Firewall",
        platforms: &["macOS"],
        prefix: "com.apple.security.firewall_",
        reusable: false,
        settings: &[
            ("enablefirewall", "Enable Firewall"),
            ("blockallincoming", "Block All Incoming"),
            ("enablestealthmode", "Enable Stealth Mode"),
        ],
    },
    ScArea {
        name: "Login Window",
        platforms: &["macOS"],
        prefix: "com.apple.loginwindow_",
        reusable: false,
        settings: &[
            ("showfullname", "Show Full Name"),
            ("disableconsoleaccess", "Disable Console Access"),
            ("loginwindowtext", "Banner Text"),
            ("shutdowndisabled", "Shut Down Disabled"),
        ],
    },
    ScArea {
        name: "Software Update",
        platforms: &["macOS"],
        prefix: "com.apple.softwareupdate_",
        reusable: false,
        settings: &[
            ("automaticcheckenabled", "Automatic Check Enabled"),
            ("automaticdownload", "Automatic Download"),
            ("criticalupdateinstall", "Critical Update Install"),
            (
                "automaticallyinstallmacosupdates",
                "Automatically Install macOS Updates",
            ),
        ],
    },
    ScArea {
        name: "Restrictions",
        platforms: &["iOS"],
        prefix: "com.apple.applicationaccess_",
        reusable: false,
        settings: &[
            ("allowcamera", "Allow Camera"),
            ("allowscreenshot", "Allow Screen Shot"),
            ("allowappinstallation", "Allow App Installation"),
            ("allowcloudbackup", "Allow Cloud Backup"),
            ("allowairdrop", "Allow AirDrop"),
            ("allowexplicitcontent", "Allow Explicit Content"),
            ("forceencryptedbackup", "Force Encrypted Backup"),
            ("allowaccountmodification", "Allow Account Modification"),
        ],
    },
    ScArea {
        name: "Lock Screen Message",
        platforms: &["iOS"],
        prefix: "com.apple.shareddeviceconfiguration_",
        reusable: false,
        settings: &[
            ("lockscreenfootnote", "Lock Screen Footnote"),
            ("assettaginformation", "Asset Tag Information"),
        ],
    },
    ScArea {
        name: "Linux compliance",
        platforms: &["linux"],
        prefix: "linux_",
        reusable: false,
        settings: &[
            ("distribution_alloweddistros", "Allowed Distributions"),
            ("deviceencryption_required", "Require Device Encryption"),
            ("passwordpolicy_minimumlength", "Minimum Password Length"),
            ("passwordpolicy_minimumdigits", "Minimum Digits"),
            (
                "passwordpolicy_minimumlowercase",
                "Minimum Lowercase Characters",
            ),
            ("passwordpolicy_minimumsymbols", "Minimum Symbols"),
            (
                "passwordpolicy_minimumuppercase",
                "Minimum Uppercase Characters",
            ),
        ],
    },
    ScArea {
        name: "Linux custom compliance",
        platforms: &["linux"],
        prefix: "linux_customcompliance_",
        reusable: true,
        settings: &[("discoveryscript_reusablesetting", "Discovery script")],
    },
    ScArea {
        name: "Printer provisioning",
        platforms: &["windows10"],
        prefix: "vendor_msft_printerprovisioning_upprinterinstalls_{printersharedid}_",
        reusable: true,
        settings: &[("printersharedid", "Printer Shared ID")],
    },
    ScArea {
        name: "Device control",
        platforms: &["windows10"],
        prefix: "device_vendor_msft_defender_configuration_devicecontrol_policygroups_{groupid}_",
        reusable: true,
        settings: &[("groupdata", "Group Data")],
    },
    ScArea {
        name: "Firewall dynamic keywords",
        platforms: &["windows10"],
        prefix: "vendor_msft_firewall_mdmstore_dynamickeywords_addresses_{id}_",
        reusable: true,
        settings: &[("addresses", "Remote Address Ranges")],
    },
];
