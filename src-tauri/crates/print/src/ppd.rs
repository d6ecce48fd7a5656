//! What a printer offers, from its PPD (CUPS keeps one per queue, also for
//! driverless printers): here, whether it prints on both sides.

/// The PPD offers duplex: a `*Duplex` option with a two-sided choice.
#[cfg_attr(not(unix), allow(dead_code))]
pub(crate) fn offers_duplex(ppd: &str) -> bool {
    let mut in_duplex = false;
    for line in ppd.lines() {
        let line = line.trim_start();
        if line.starts_with("*OpenUI *Duplex") {
            in_duplex = true;
        } else if line.starts_with("*CloseUI") {
            in_duplex = false;
        } else if in_duplex && (line.starts_with("*Duplex DuplexNoTumble") || line.starts_with("*Duplex DuplexTumble"))
        {
            return true;
        }
    }
    false
}

/// The options as `lpoptions -l` lists them (`Duplex/2-Sided Printing:
/// *None DuplexNoTumble DuplexTumble`, the default starred) offer duplex.
#[cfg_attr(not(unix), allow(dead_code))]
pub(crate) fn options_offer_duplex(listing: &str) -> bool {
    listing.lines().any(|line| {
        let Some((key, choices)) = line.split_once(':') else { return false };
        key.split('/').next().is_some_and(|k| k.trim() == "Duplex")
            && choices
                .split_whitespace()
                .any(|c| matches!(c.trim_start_matches('*'), "DuplexNoTumble" | "DuplexTumble"))
    })
}

#[cfg(test)]
mod tests {
    use super::{offers_duplex, options_offer_duplex};

    #[test]
    fn duplex_is_read_from_what_the_scheduler_lists() {
        let office = "PageSize/Page Size: *A4 A3 Letter\nDuplex/2-Sided Printing: *None DuplexNoTumble DuplexTumble\n";
        assert!(options_offer_duplex(office));
        assert!(options_offer_duplex("Duplex/Tosidig: None *DuplexTumble\n"), "the default may be two-sided");
        assert!(!options_offer_duplex("Duplex/2-Sided Printing: *None\n"), "only one-sided");
        let cups_pdf =
            "PageSize/Page Size: 11x14 *A4\nResolution/Output Resolution: 150dpi *300dpi\nPDFVer/PDF version: *1.2\n";
        assert!(!options_offer_duplex(cups_pdf));
        assert!(!options_offer_duplex("InputSlot/Duplex tray: DuplexTumble\n"), "another option's choices say nothing");
        assert!(!options_offer_duplex(""));
    }

    #[test]
    fn duplex_is_read_from_the_ppd() {
        let duplex = "*OpenUI *Duplex/2-Sided Printing: PickOne\n*DefaultDuplex: None\n*Duplex None/Off: \"\"\n\
                      *Duplex DuplexNoTumble/Long Edge: \"\"\n*CloseUI: *Duplex\n";
        assert!(offers_duplex(duplex));
        let only_off = "*OpenUI *Duplex/2-Sided: PickOne\n*Duplex None/Off: \"\"\n*CloseUI: *Duplex\n";
        assert!(!offers_duplex(only_off));
        let other =
            "*OpenUI *PageSize: PickOne\n*PageSize A4: \"\"\n*CloseUI: *PageSize\n*Duplex DuplexNoTumble: \"\"\n";
        assert!(!offers_duplex(other), "a Duplex line outside its option says nothing");
        assert!(!offers_duplex("*PPD-Adobe: \"4.3\"\n*ColorDevice: True\n"), "no Duplex option at all");
    }
}
